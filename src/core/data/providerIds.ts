// The cloud providers in the dataset; apart from schema.ts so code that needs only the list does not load its schemas.
export const providerIds = ['aws', 'gcp', 'azure'] as const;
