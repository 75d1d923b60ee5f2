// The leaderboard's identifiers, apart from protocol.ts: registering the command at activation does not build the
// protocol's schemas.
export const VIEW_TYPE = 'gridlens.leaderboard';
export const LEADERBOARD_COMMAND = 'gridlens.openLeaderboard';
