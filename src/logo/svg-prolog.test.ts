import { describe, expect, it } from 'vitest';
import { inspectImage } from './inspect.js';
import { sniffSvg } from './svg.js';
import type { LogoSource } from './types.js';

const source: LogoSource = { kind: 'file', value: './logo.svg', fileName: 'logo.svg' };
const BODY = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>';
const LAUGHS = '<!ENTITY a "lollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">';
const inspect = (text: string) => inspectImage(Buffer.from(text), source);

describe('the SVG prolog, read token by token', () => {
  it.each([
    ['no DOCTYPE', BODY, false, false],
    ['the SVG 1.1 DOCTYPE', '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + BODY, false, false],
    ['a > inside the system literal', '<!DOCTYPE svg SYSTEM "odd>name.dtd">' + BODY, false, false],
    ['a [ inside the public literal', "<!DOCTYPE svg PUBLIC '-//Acme[1]//EN' 'acme.dtd'>" + BODY, false, false],
    ['a ]> inside a comment of the subset', `<!DOCTYPE svg [ <!-- ]> ${BODY} --> ${LAUGHS} ]>` + BODY.replace('<rect', '<text>&c;</text><rect'), true, true],
    ['a ]> inside an entity value', `<!DOCTYPE svg [ <!ENTITY x "]>${BODY}"> ${LAUGHS} ]>` + BODY, true, true],
    ['a ]> inside a processing instruction of the subset', `<!DOCTYPE svg [ <?pi ]> ${BODY} ?> ${LAUGHS} ]>` + BODY, true, true],
    ['a subset without entities', '<!DOCTYPE svg [ <!ATTLIST svg id ID #IMPLIED> ]>' + BODY, true, false],
    ['a subset of a parameter-entity reference', '<!DOCTYPE svg [ %outside; ]>' + BODY, true, false],
  ])('%s', (_, text, internalSubset, entities) => {
    expect(sniffSvg(Buffer.from(text))).toMatchObject({ internalSubset, entities });
  });

  it.each([
    ['a subset that never ends', `<!DOCTYPE svg [ <!-- ]> ${BODY}`],
    ['a declaration whose literal never ends', `<!DOCTYPE svg [ <!ENTITY x "]>${BODY}`],
    ['a DOCTYPE that never ends', `<!DOCTYPE svg SYSTEM "x>${BODY}`],
  ])('%s is not taken for an SVG', (_, text) => {
    expect(sniffSvg(Buffer.from(text))).toBeUndefined();
  });
});

describe('inspectImage refuses any internal DTD subset before rendering', () => {
  it('a ]> in a DTD comment does not end the prolog early: the entities after it are found', async () => {
    const svg = `<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!-- ]> ${BODY} -->\n${LAUGHS}\n]>\n` + BODY.replace('<rect', '<text>&c;</text><rect');
    const found = await inspect(svg);
    expect(found).toMatchObject({ kind: 'undecodable', format: 'svg' });
    expect(found.kind === 'undecodable' && found.detail).toContain('<!ENTITY');
  });

  it('a subset without entities is refused too', async () => {
    const found = await inspect('<!DOCTYPE svg [ <!ATTLIST svg id ID #IMPLIED> ]>' + BODY);
    expect(found).toMatchObject({ kind: 'undecodable', format: 'svg' });
    expect(found.kind === 'undecodable' && found.detail).toContain('internal DTD subset');
  });

  it('a DOCTYPE without a subset still renders, whatever its literals hold', async () => {
    expect(await inspect('<!DOCTYPE svg SYSTEM "odd>name.dtd">' + BODY)).toMatchObject({ kind: 'image', format: 'svg', width: 512 });
  });
});
