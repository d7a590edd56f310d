/** The few text styles the CLI uses. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const plain: Style = { bold: id, dim: id, cyan: id, green: id, red: id, yellow: id };

function id(text: string): string {
  return text;
}

/**
 * Styles for output the caller decided to colour (TTY, NO_COLOR, --no-color). chalk is imported
 * only when colour is on: scripts reading JSON never load it.
 */
export async function loadStyle(color: boolean): Promise<Style> {
  if (!color) return plain;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
