// A throwaway certificate authority and server certificate for the fan-out scenario, built with
// node:crypto and a minimal DER encoder (Node has no X.509 writer; no openssl binary is needed).
//
// Why not fixtures/tls/: its server certificate names only localhost, 127.0.0.1 and ::1, and the CA
// key was thrown away, so nothing can be signed for page-0.bench.pleo-register.dev … page-9.bench.pleo-register.dev. The HTTP
// client checks the certificate against the URL's host name (see src/services/http.test.ts, "checks
// the certificate against the name"), so every request to those names would end as a TLS error in a
// few milliseconds instead of waiting for the server. The benchmark therefore makes its own CA (valid
// for a day, key kept in memory) and passes it to the client as `ca`, exactly as the tests pass the
// fixtures' CA.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** One DER element: tag byte, definite length, contents. */
function der(tag, ...parts) {
  const body = Buffer.concat(parts);
  let length;
  if (body.length < 0x80) length = Buffer.from([body.length]);
  else {
    const bytes = [];
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const seq = (...parts) => der(0x30, ...parts);
const set = (...parts) => der(0x31, ...parts);
const explicit = (n, ...parts) => der(0xa0 + n, ...parts);
const octets = (bytes) => der(0x04, bytes);
const bits = (bytes, unused = 0) => der(0x03, Buffer.from([unused]), bytes);
const bool = (value) => der(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text) => der(0x0c, Buffer.from(text, 'utf8'));

function integer(bytes) {
  let b = Buffer.from(bytes);
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return der(0x02, b);
}

function oid(dotted) {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function utcTime(date) {
  const p = (n) => String(n).padStart(2, '0');
  const text = `${p(date.getUTCFullYear() % 100)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(text, 'ascii'));
}

const name = (cn) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id, critical, value) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function certificate({ subject, issuer, publicKey, signingKey, extensions }) {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const now = Date.now();
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(16)),
    ECDSA_SHA256,
    name(issuer),
    seq(utcTime(new Date(now - 60 * 60 * 1000)), utcTime(new Date(now + 24 * 60 * 60 * 1000))),
    name(subject),
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, signingKey); // DER-encoded ECDSA signature
  const cert = seq(tbs, ECDSA_SHA256, bits(signature));
  const base64 = cert.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

function keyId(publicKey) {
  return createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest();
}

/** A CA certificate (PEM) and a server certificate + key (PEM) for the given DNS names. */
export function makeCertificates(dnsNames) {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caKeyId = keyId(ca.publicKey);
  const caPem = certificate({
    subject: 'pleo-register bench CA',
    issuer: 'pleo-register bench CA',
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      extension('2.5.29.19', true, seq(bool(true))), // basicConstraints CA:TRUE
      extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)), // keyUsage keyCertSign, cRLSign
      extension('2.5.29.14', false, octets(caKeyId)), // subjectKeyIdentifier
    ],
  });
  const certPem = certificate({
    subject: dnsNames[0],
    issuer: 'pleo-register bench CA',
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      extension('2.5.29.19', true, seq()), // basicConstraints CA:FALSE
      extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)), // keyUsage digitalSignature
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage serverAuth
      extension('2.5.29.17', false, seq(...dnsNames.map((dns) => der(0x82, Buffer.from(dns, 'ascii'))))), // subjectAltName
      extension('2.5.29.35', false, seq(der(0x80, caKeyId))), // authorityKeyIdentifier
    ],
  });
  return { caPem, certPem, keyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) };
}
