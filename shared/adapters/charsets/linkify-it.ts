/**
 * linkify-it as mailparser uses it, without its work: mailparser builds one linkifier at import (the full TLD list
 * compiled into its patterns, ~8 ms of a cold start) to turn URLs into links in `textAsHtml`, which parse-mail turns
 * off (`skipTextLinks`, `skipTextToHtml`: the inbound rules read text, never our HTML of it). The inbound-mail bundle
 * is aliased to this stand-in (infra/bundling.ts): the set-up calls chain as before, and it finds no links.
 */
interface Linkifier {
  tlds(list: unknown, keepOld?: boolean): Linkifier;
  add(schema: string, definition: unknown): Linkifier;
  set(options: unknown): Linkifier;
  pretest(text: string): boolean;
  test(text: string): boolean;
  match(text: string): null;
}

export default function linkifyIt(): Linkifier {
  const linkifier: Linkifier = {
    tlds: () => linkifier,
    add: () => linkifier,
    set: () => linkifier,
    pretest: () => false,
    test: () => false,
    match: () => null,
  };
  return linkifier;
}
