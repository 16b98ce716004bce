// Structured logs with pino: one JSON object a line, with the command, user and time.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = 'info', destination: pino.DestinationStream | number = 1): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, base: { app: 'zh-news-bot' } }, stream);
}
