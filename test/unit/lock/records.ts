import { hostname } from 'node:os';

/** What a holder of the kernel lock killed with -9 leaves behind: its lock file, naming it. */
export function kernelLockLeftBy(pid: number, detail = ''): string {
  return `${pid}\n${detail}\nalipay-card-lock/2 kernel host=${hostname()} boot=- start=-\n`;
}

/** Our own lock file, as the kernel lock writes it, with this detail. */
export const ownKernelLock = (detail = ''): RegExp => new RegExp(`^${process.pid}\\n${detail}\\nalipay-card-lock/2 kernel host=\\S+ boot=\\S+ start=\\S+\\n$`);
