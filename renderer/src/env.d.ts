/// <reference types="vite/client" />

// `tsc -b` (npm run typecheck) also builds this project with plain tsc, which cannot read .vue
// files; vue-tsc resolves the real files and ignores this fallback.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
