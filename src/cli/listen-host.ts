/**
 * The address a `--host` asks a server to listen on: `[::1]`, an IPv6 address written as in a URL
 * (and as the README lists the loopback), is `::1` to listen(); any other host as given.
 */
export function listenHost(host: string): string {
  const bracketed = /^\[([^\]]*)\]$/.exec(host);
  return bracketed ? bracketed[1]! : host;
}

/** listen()'s errors for a host name that resolves to no address (getaddrinfo's), as against an address it cannot take (EADDRNOTAVAIL). */
export function isUnresolvedHost(code: string | undefined): boolean {
  return code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME';
}
