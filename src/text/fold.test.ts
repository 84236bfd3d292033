import { describe, expect, it } from 'vitest';
import { describeCharacter, findName, fold, graphemeLength, mixedScriptWord, scriptOf, stripInvisible, words } from './fold.js';
import { shannonEntropy } from '../secrets/detect.js';

describe('fold', () => {
  it.each([
    ['Pleo', 'pleo'],
    ['ＰＬＥＯ', 'pleo'],
    ['\u{1D40F}\u{1D425}\u{1D41E}\u{1D428}', 'pleo'],
    ['\u0420\u0435\u043E', 'peo'],
    ['\u03C1\u03BF', 'po'],
    ['PIeo', 'pleo'],
    ['P1e0', 'pleo'],
    ['Pl3o', 'pleo'],
    ['Pl€o', 'pleo'],
    ['Ple\u200Bo', 'pleo'],
    ['Pl\u00ADeo', 'pleo'],
    ['Pléo', 'pleo'],
    ['\u1D18\u029F\u1D07\u1D0F', 'pleo'],
    ['Café', 'cafe'],
  ])('%s → %s', (input, expected) => expect(fold(input)).toBe(expected));
});

describe('words', () => {
  it('splits on non-letters and case changes', () => {
    expect(words('AcmePleo Books').map((w) => w.folded)).toEqual(['acme', 'pleo', 'books']);
    expect(words('ACMEPleo').map((w) => w.folded)).toEqual(['acme', 'pleo']);
    expect(words('Acme2Pleo').map((w) => w.folded)).toEqual(['acme2', 'pleo']);
  });
  it('keeps offsets into the original text', () => {
    const [, second] = words('Acme \u0420leo');
    expect([second!.start, second!.end]).toEqual([5, 9]);
  });
  it('takes |, ! and € as letters only inside a word', () => {
    expect(words('P|eo!').map((w) => w.folded)).toEqual(['pleo']);
  });
});

describe('findName', () => {
  it.each(['Pleo', 'Acme Pleo', 'AcmePleo', 'P1eo Sync', 'Pl3o', 'PL30', 'P.l.e.o', 'P-L-E-O', 'P l e o', 'Ple-o', 'Pleo!', 'Pleo365', 'PleoIntegration', 'PLeo', '\u0410cme \u0420leo', 'Ple\u200Bo', '⒫⒧⒠⒪'])(
    'finds %s',
    (text) => expect(findName(text, 'pleo')).toBeDefined(),
  );
  it.each(['Simpleo', 'Pleomorphic', 'Pleonasm', 'Napleon', 'pleonexia', 'Ple o', 'S.I.M.P.L.E.O', 'A.P. Leo', 'Apple O', 'Peo', 'Pleeo'])(
    'does not find %s',
    (text) => expect(findName(text, 'pleo')).toBeUndefined(),
  );
  it('returns the span in the original text', () => {
    const text = 'Acme Ple\u200Bo Sync';
    const match = findName(text, 'pleo')!;
    expect(text.slice(match.start, match.end)).toBe('Ple\u200Bo');
  });
});

describe('scripts', () => {
  it('names scripts and skips Common and Inherited', () => {
    expect(scriptOf('a')).toBe('Latin');
    expect(scriptOf('\u0430')).toBe('Cyrillic');
    expect(scriptOf('1')).toBeUndefined();
    expect(scriptOf('\u0301')).toBeUndefined();
    expect(scriptOf('\u{10330}')).toBe('Other');
  });
  it('finds a word that mixes scripts', () => {
    expect(mixedScriptWord('\u0410cme Books')).toEqual({ word: '\u0410cme', scripts: ['Cyrillic', 'Latin'] });
    expect(mixedScriptWord('Acme Бухгалтерия')).toBeUndefined();
    expect(mixedScriptWord('freeeクラウド会計')).toBeUndefined();
    expect(mixedScriptWord('Café 2.0')).toBeUndefined();
  });
});

describe('measuring', () => {
  it('counts user-perceived characters', () => {
    expect(graphemeLength('e\u0301')).toBe(1);
    expect(graphemeLength('👩‍💻 Acme')).toBe(6);
  });
  it('names characters', () => {
    expect(describeCharacter('\u202E')).toBe('U+202E (right-to-left override)');
    expect(describeCharacter('\u0007')).toBe('U+0007');
  });
  it('computes Shannon entropy', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
  it('strips invisible characters', () => expect(stripInvisible('A\u200Bc\u202Em\u00ADe')).toBe('Acme'));
});
