/**
 * The forms a secret travels in, each redacted like the secret itself. A command or a model that
 * holds a token rarely prints it bare: it prints JSON (a config dump), a URL (a curl line), or base64
 * (`base64 .git/config`, a basic-auth header, a JWT or a zip inside a longer blob). actions/checkout
 * stores its token as `AUTHORIZATION: basic <base64 of x-access-token:TOKEN>` in .git/config and in
 * every submodule's config.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  for (const plain of [secret, `x-access-token:${secret}`]) {
    const bytes = Buffer.from(plain);
    // Whole, as `base64` prints it alone, so the padding goes too.
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64url'));
  }
  // Inside a longer base64 text the secret starts at one of three byte offsets in a 3-byte group, and
  // each offset encodes it differently. `x-access-token:` is 15 bytes, a whole number of groups: the
  // secret's own offset-0 form is found inside the header too.
  for (const form of base64Cores(Buffer.from(secret))) {
    forms.add(form);
    forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

/**
 * For each offset k of 0, 1, 2 bytes, the base64 characters that depend on the secret's bytes only:
 * character j covers bits [6j, 6j + 6), the secret bits [8k, 8(k + n)).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    cores.push(encoded.slice(Math.ceil((4 * offset) / 3), Math.floor((4 * (offset + bytes.length)) / 3)));
  }
  return cores;
}
