import { Chalk, type ChalkInstance } from 'chalk';

/** A chalk that colours only when the caller decided colour is on (TTY, NO_COLOR, --no-color). */
export function createStyle(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
