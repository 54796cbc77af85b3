import { Faults } from './control/faults';
import { Stats } from './control/stats';
import { buildMetadata } from './edm/csdl';
import { Publication } from './model/publication';
import { retailSchema } from './model/schema';
import { QueryEngine, type Quirks } from './query/execute';
import { Infobase } from './store/infobase';
import { DEFAULT_USERS, type SimUser } from './http/auth';
import type { ODataService } from './http/service';

// Everything one simulator instance holds: infobase, published composition, query engine,
// faults, statistics and switches. The HTTP server and the control API both work on it.

export interface SimSettings {
  /** 'http401' (default) or 'html200': auth failures as an HTML page with HTTP 200 (ref §1.2). */
  authFailureMode: 'http401' | 'html200';
  users: SimUser[];
  slowFirstRequestMs: number;
  idleMs: number;
}

export class SimState implements ODataService {
  readonly ib = new Infobase(retailSchema());
  readonly pub: Publication;
  readonly engine: QueryEngine;
  readonly faults = new Faults();
  readonly stats = new Stats();
  readonly quirks: Quirks = { unknownFilterField: 'empty' };
  readonly settings: SimSettings;
  private metadataCache?: { version: number; xml: string };

  constructor(composition: string[] | 'all', settings: Partial<SimSettings> = {}) {
    this.pub = new Publication(this.ib.schema, composition);
    this.engine = new QueryEngine(this.ib, this.pub, this.quirks);
    this.settings = {
      authFailureMode: 'http401',
      users: DEFAULT_USERS,
      slowFirstRequestMs: 0,
      idleMs: 30_000,
      ...settings,
    };
  }

  metadata(): string {
    if (!this.metadataCache || this.metadataCache.version !== this.pub.version) {
      this.metadataCache = { version: this.pub.version, xml: buildMetadata(this.pub) };
    }
    return this.metadataCache.xml;
  }
}
