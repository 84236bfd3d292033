import { defineRule } from './define-rule.js';
import { trimFix } from './utils/fixes.js';
import { clip } from '../text/describe.js';
import { lazyPattern, PRINTABLE_ASCII } from '../text/patterns.js';
import { describeCharacter, graphemeLength, head, mixedScriptWord } from '../text/fold.js';

/** Where consent screens start to cut names (house rule; Apple allows 30 for app names). */
const VISIBLE_LENGTH = 40;
/** The schema's own limit, counted in code points; past it the schema reports the length. */
const SCHEMA_LIMIT = 100;
/** Emoji sequences legitimately hold a zero-width joiner or a variation selector (👩‍💻, ❤️, 1️⃣). */
const EMOJI = lazyPattern(() => /\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F\p{Emoji_Modifier}]?)*|[0-9#*]\uFE0F?\u20E3/gu);

export default defineRule({
  id: 'client-name',
  severity: 'error',
  severities: { mixedScripts: 'warning', tooLong: 'warning' },
  messages: {
    controlCharacter: 'Client name contains the control character {{char}}; a name is one line of plain text, so remove it.',
    bidiControl: 'Client name contains the bidirectional control {{char}}, which can reorder how the name is displayed; remove it.',
    invisibleCharacter: 'Client name contains the invisible character {{char}}, which can hide or disguise text; remove it.',
    markup: 'Client name contains "{{char}}"; consent screens show the name as plain text, so remove markup characters (< and >).',
    surroundingWhitespace: 'Client name "{{name}}" {{where}} with whitespace; remove it.',
    mixedScripts: 'The word "{{word}}" in the client name mixes {{scripts}} letters, as look-alike spoofing does (Cyrillic "а" for Latin "a"); write each word in one script.',
    tooLong: 'Client name is {{length}} characters long; consent screens cut names after about {{limit}}, so shorten it.',
  },
  docs: {
    summary: 'Write the client name as short, plain, visible text in one script per word.',
    why: 'Pleo shows the client name on its consent screen, where users decide whether to trust your app. Invisible and bidirectional characters can make a name display differently from what reviewers read, mixed scripts are the mark of look-alike spoofing, markup may be rendered or escaped, and long names are cut off.',
    bad: 'client_name: "<b>Acme\\u200B Books</b> "',
    good: 'client_name: Acme Books',
    fix: 'Remove control, zero-width and bidirectional characters, "<" and ">", and surrounding spaces; spell each word in one script; keep the name to 40 characters.',
    source: 'Pleo "OAuth 2.0 Client Registration" (Client Name is shown to users); Unicode UTS #39 §5.2 (mixed-script detection); house rule (40 characters)',
  },
  check(manifest, context) {
    const name = manifest.data.client_name;
    if (typeof name !== 'string') return;
    const path = ['client_name'];
    const fix = trimFix('client_name', name);
    const report: typeof context.report = (found) => context.report({ ...found, fix });
    const first = (pattern: RegExp, text = name) => pattern.exec(text)?.[0];

    // Most names are printable ASCII, which holds none of what the Unicode patterns look for (see lazyPattern).
    const printable = PRINTABLE_ASCII.test(name);
    if (!printable) {
      const control = first(/\p{Cc}/u);
      if (control) report({ messageId: 'controlCharacter', path, data: { char: describeCharacter(control) } });
      const bidi = first(/\p{Bidi_Control}/u);
      if (bidi) report({ messageId: 'bidiControl', path, data: { char: describeCharacter(bidi) } });
      const invisible = first(/(?!\p{Bidi_Control})\p{Default_Ignorable_Code_Point}/u, name.replace(EMOJI(), ' '));
      if (invisible) report({ messageId: 'invisibleCharacter', path, data: { char: describeCharacter(invisible) } });
    }
    const markup = first(/[<>]/);
    if (markup) report({ messageId: 'markup', path, data: { char: markup } });

    // Control characters at the ends (a block scalar's final newline) are reported above.
    const starts = printable ? name.startsWith(' ') : /^(?!\p{Cc})\p{White_Space}/u.test(name);
    const ends = printable ? name.endsWith(' ') : /(?!\p{Cc})\p{White_Space}$/u.test(name);
    if (starts || ends) {
      const where = starts && ends ? 'starts and ends' : starts ? 'starts' : 'ends';
      report({ messageId: 'surroundingWhitespace', path, data: { name: clip(name), where } });
    }

    const mixed = mixedScriptWord(head(name));
    if (mixed) report({ messageId: 'mixedScripts', path, data: { word: clip(mixed.word), scripts: mixed.scripts.join(' and ') } });

    // Past the schema's limit the schema reports the length (and segmenting a huge string is slow).
    // A name of at most VISIBLE_LENGTH code points has no more graphemes, so the segmenter is needed
    // only for longer names.
    const codePoints = [...name].length;
    const length = codePoints > VISIBLE_LENGTH && codePoints <= SCHEMA_LIMIT ? graphemeLength(name) : 0;
    if (length > VISIBLE_LENGTH) report({ messageId: 'tooLong', path, data: { length, limit: VISIBLE_LENGTH } });
  },
});
