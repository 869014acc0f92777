import { useAppStore } from '../store/app-store';
import { fromUrl, toUrl, urlStateOf } from '../store/url-state';

/**
 * Mirrors the page and settings in the address bar: each change pushes a history entry, so a copied
 * link reproduces the view and back/forward walk through earlier views.
 */
export function startUrlSync(): void {
  const apply = () => useAppStore.setState(fromUrl(window.location.pathname, window.location.search));
  apply();
  window.history.replaceState(null, '', toUrl(urlStateOf(useAppStore.getState())));
  window.addEventListener('popstate', apply);
  useAppStore.subscribe((state) => {
    const url = toUrl(urlStateOf(state));
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  });
}
