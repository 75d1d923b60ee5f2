// Entry point of the desktop (Node) extension host build.
export { activate, deactivate } from './activate';
