/** Product name and version, from package.json (inlined by the bundler in the Electron build). */
import pkg from '../../package.json' with { type: 'json' };

export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;
