import * as z from 'zod';

/** The media types a file body may come as: text (a CSV) or an archive. */
export const FILE_MEDIA_TYPES = ['text/csv', 'application/zip'] as const;
export type FileMediaType = (typeof FILE_MEDIA_TYPES)[number];

/**
 * A body that is a file rather than JSON, as the stack hands it to a handler: the media type it came as (its
 * Content-Type, checked against the route's) and its bytes, decoded from base64 when API Gateway sent it so. What the
 * bytes mean (which text encoding, which archive) is the route's to decide.
 */
export const UploadedFile = z.object(
  {
    mediaType: z.enum(FILE_MEDIA_TYPES),
    bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0),
  },
  { error: 'a file is required' },
);
export type UploadedFile = z.infer<typeof UploadedFile>;

/** The media types a file body may come as, in words: `text/csv in UTF-8 or application/zip`. */
export const fileMediaTypesInWords = (types: Partial<Record<FileMediaType, unknown>> = {}): string =>
  Object.keys(types)
    .map((type) => (type.startsWith('text/') ? `${type} in UTF-8` : type))
    .join(' or ');
