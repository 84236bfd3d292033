// oidc-provider ships no type declarations; serve describes the little it uses in provider-types.ts.
declare module 'oidc-provider';
