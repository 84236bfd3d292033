import type { RuleMeta } from '../rules/define-rule.js';

// The loader (src/manifest/parse.ts) finds these; this file words them.
const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  severity: 'error',
  messages: {
    invalidYaml: 'Not valid YAML: {{reason}}.',
    duplicateKey: 'Duplicate key: a key may appear only once in a mapping; remove or rename one of them.',
    tabIndent: 'Tab used for indentation; YAML indents with spaces only.',
    unknownTag: 'YAML tag not allowed here ({{reason}}); write the value without a "!" tag.',
    multipleDocuments: 'The file holds {{count}} YAML documents; a manifest is one document, so remove the "---" separator and what follows, or split it into files.',
    rootNotMapping: 'The manifest must be a mapping of keys (client_name: …), found {{found}}.',
    empty: 'The manifest is empty; the README and `pleo-register schema` show what it holds.',
    notUtf8: 'The file is {{encoding}}; save it as UTF-8.',
    invalidUtf8: 'The file is not valid UTF-8 (byte {{byte}} here); save it as UTF-8.',
    nulByte: 'NUL byte in the file; a manifest is text. Remove it.',
    controlCharacter: 'Control character {{code}} in the file; YAML does not allow it. Remove it, or write it as an escape inside double quotes.',
    tooLarge: 'The file is larger than {{limit}} bytes (1 MiB), the most a manifest may be.',
    tooDeep: 'Nested more than {{limit}} levels deep; a manifest needs a handful. Flatten it.',
    aliasBomb: 'YAML aliases expand more than {{limit}} times (an "alias bomb"); write the values out instead of repeating aliases.',
    unparsable: 'The file could not be read as YAML: {{reason}}.',
    tooManyEntries: 'The file has more than {{limit}} lines and flow-collection items; a manifest needs a few dozen. Shorten it.',
    tooManyErrors: 'More than {{limit}} YAML errors; the first {{limit}} are listed. Fix them and run again.',
  },
  docs: {
    summary: 'Write the manifest as one well-formed YAML document with a mapping at its root.',
    why: 'A YAML parser that meets a duplicate key, a tab or a second document quietly keeps one reading of it; the registration Pleo gets may not be the one you reviewed. Hostile files (alias bombs, deep nesting, huge files) are refused before they cost time or memory.',
    bad: 'client_name: Acme Books\nclient_name: Acme Books Staging\nscopes:\n\t- export-jobs:read',
    good: 'client_name: Acme Books\nscopes:\n  - export-jobs:read',
    fix: 'Fix the YAML at the position shown: remove the duplicate key, indent with spaces, keep one document per file, save as UTF-8.',
    source: 'YAML 1.2.2 §3.2.1.3 (unique keys), §6.1 (indentation spaces); house rule (one document, a mapping at its root, limits on hostile files)',
  },
};

export default yamlSyntax;
