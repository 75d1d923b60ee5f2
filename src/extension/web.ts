// Entry point of the browser (web worker) extension host build: same features, no Node built-ins.
export { activate, deactivate } from './activate';
