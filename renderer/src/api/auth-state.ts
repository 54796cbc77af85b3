/** One flag shared by the transport and the UI: the server refused our token. */
type Listener = () => void;

let refused = false;
const listeners = new Set<Listener>();

export const tokenState = {
  markRefused(): void {
    if (refused) return;
    refused = true;
    for (const listener of listeners) listener();
  },
  isRefused: (): boolean => refused,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
