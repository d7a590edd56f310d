/**
 * What an image id can be. Alipay's are 32 letters and digits (`1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC`
 * in the template references, `9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED` in card open's; image upload
 * answers image_id as String(32)); the local gateway's are 32 characters of base64url. Our
 * decision, a little wider so that no real id is ever taken for a file: up to 64 characters (the
 * length level_icon allows) of letters, digits and `-` `_` `+` `=` `*` (the references print ids
 * masked with `*`). No `.`, `/`, `\` or space: a value with one of them is a file's path.
 */
export const IMAGE_ID = /^[A-Za-z0-9_+=*-]{1,64}$/;
