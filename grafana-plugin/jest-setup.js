// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no IntersectionObserver; @grafana/scenes' lazy loader creates one at import time.
class NoIntersectionObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
global.IntersectionObserver = global.IntersectionObserver || NoIntersectionObserver;

// The machines running CI are shared and slow at times: give findBy*/waitFor more than the default 1 s. Absence checks
// do not rely on this: they wait for the thing that must come first.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 20000 });
