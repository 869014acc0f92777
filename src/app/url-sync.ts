import { useAppStore, type AppState } from '../store/app-store';
import { fromUrl, toUrl, type UrlState } from '../store/url-state';

const pick = (s: AppState): UrlState => ({
  page: s.page,
  filters: s.filters,
  asOfOverride: s.asOfOverride,
  suppressionK: s.suppressionK,
  businessCase: s.businessCase,
});

/**
 * Mirrors the page and settings in the address bar: each change pushes a history entry, so a copied
 * link reproduces the view and back/forward walk through earlier views.
 */
export function startUrlSync(): void {
  const apply = () => useAppStore.setState(fromUrl(window.location.pathname, window.location.search));
  apply();
  window.history.replaceState(null, '', toUrl(pick(useAppStore.getState())));
  window.addEventListener('popstate', apply);
  useAppStore.subscribe((state) => {
    const url = toUrl(pick(state));
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
  });
}
