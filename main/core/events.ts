/** A typed event bus for the events of the API contract (shared/api.ts ApiEvents). */
import { EventEmitter } from 'node:events';
import type { ApiEvents, EventName } from '../../shared/api';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): () => void {
    this.emitter.on(event, handler);
    return () => this.emitter.off(event, handler);
  }

  /** Subscribes to every event (transports forward them all). */
  onAny(handler: <E extends EventName>(event: E, payload: ApiEvents[E]) => void, events: readonly EventName[]): () => void {
    const offs = events.map((e) => this.on(e, (p) => handler(e, p)));
    return () => offs.forEach((off) => off());
  }
}
