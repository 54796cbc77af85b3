/**
 * Events of the headless server over one WebSocket (`/api/events`, subprotocol `onec-b24.<token>`), messages
 * `{"event": "<name>", "payload": …}`. Connects on the first subscription, reconnects with backoff while anyone
 * listens, closes when the last subscriber leaves.
 */
import { EVENT_NAMES, type ApiEvents, type EventName } from '../../../shared/api';

type Handler = (payload: unknown) => void;

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

export class EventSocket {
  private readonly handlers = new Map<EventName, Set<Handler>>();
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private delay = MIN_DELAY_MS;

  constructor(
    private readonly url: string,
    private readonly protocol: string,
  ) {}

  on<E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${event}`);
    const set = this.handlers.get(event) ?? new Set<Handler>();
    this.handlers.set(event, set);
    const h = handler as Handler;
    set.add(h);
    this.ensureOpen();
    return () => {
      set.delete(h);
      if (set.size === 0) this.handlers.delete(event);
      if (this.handlers.size === 0) this.shutdown();
    };
  }

  private ensureOpen(): void {
    if (this.socket || this.retryTimer) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url, [this.protocol]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delay = MIN_DELAY_MS;
    };
    socket.onmessage = (message) => this.dispatch(message.data);
    socket.onclose = () => {
      if (this.socket === socket) this.socket = null;
      if (this.handlers.size > 0) this.scheduleRetry();
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry
    };
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const wait = this.delay + Math.floor(Math.random() * (this.delay / 2));
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.handlers.size > 0) this.ensureOpen();
    }, wait);
  }

  private shutdown(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.delay = MIN_DELAY_MS;
    socket?.close(1000);
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    const set = this.handlers.get(event as EventName);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (error) {
        console.error(`Обработчик события ${event} завершился с ошибкой`, error);
      }
    }
  }
}
