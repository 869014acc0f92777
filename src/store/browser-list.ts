/** A named list kept in this browser's localStorage; unreadable storage reads as empty rather than throwing. */
export function browserList<T extends { name: string }>(key: string, isItem: (value: unknown) => value is T) {
  const read = (storage: Storage = localStorage): T[] => {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isItem) : [];
    } catch {
      return [];
    }
  };
  const write = (items: T[], storage: Storage) => {
    storage.setItem(key, JSON.stringify(items));
    return items;
  };
  return {
    read,
    /** Saves an item first in the list, replacing one of the same name. */
    save: (item: T, storage: Storage = localStorage) => write([item, ...read(storage).filter((i) => i.name !== item.name)], storage),
    remove: (name: string, storage: Storage = localStorage) =>
      write(
        read(storage).filter((i) => i.name !== name),
        storage,
      ),
  };
}
