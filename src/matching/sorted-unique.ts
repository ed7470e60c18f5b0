/**
 * The non-empty strings of `words`, each once, in code-unit order: the same as
 * `[...new Set(words.filter((w) => w !== ''))].sort()`, without the set, the spread and the
 * sort's own copies. For the few words of a street or a name, made for every record built.
 * @param words - the words, in any order, repeats and blanks allowed
 */
export function sortedUnique(words: readonly string[]): string[] {
  const sorted: string[] = [];
  for (const word of words) {
    if (word === '' || sorted.includes(word)) {
      continue;
    }
    let at = sorted.length;
    sorted.push(word);
    while (at > 0 && (sorted[at - 1] ?? '') > word) {
      sorted[at] = sorted[at - 1] ?? '';
      at -= 1;
    }
    sorted[at] = word;
  }
  return sorted;
}
