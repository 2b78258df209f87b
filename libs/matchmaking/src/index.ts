export * from './scheduler';
export * from './matchmaking.errors';
export * from './participant-profile';
export * from './recommendations';
export * from './participants.service';
export * from './matchmaking-settings.service';
export * from './meeting-requests.service';
export * from './matchmaking.module';
