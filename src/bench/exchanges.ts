// How the Discord benchmarks read an interaction's outcome from the fake Discord.
import { hasFinalReply, type InteractionExchange } from '../../test/fake-discord/index.ts';

/** The final reply's arrival: the last edit or follow-up, or the callback when it was the reply. */
export function finalMs(exchange: InteractionExchange): number {
  return exchange.events.filter((e) => e.kind === 'callback' || e.kind === 'edit' || e.kind === 'followup').at(-1)!.ms;
}

/** Answered, or refused because the first response came too late. */
export const settled = (e: InteractionExchange): boolean => hasFinalReply(e) || (!e.callback && e.events.some((ev) => ev.kind === 'rejected'));
