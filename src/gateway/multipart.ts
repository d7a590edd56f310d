/** A file part of a multipart request, as the method that takes it sees it. */
export interface UploadedPart {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Map<string, UploadedPart>;
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*;/i.test(contentType ?? '');
}

/**
 * A multipart/form-data body's text fields (UTF-8, as forms send text) and file parts, parsed by
 * the Fetch API's own form parser (Node's undici): no parser of ours. Throws on a body that is
 * not well-formed multipart for its boundary.
 */
export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartForm> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedPart>();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else files.set(name, { filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, files };
}
