/** `type/subtype` of a Content-Type header, lower case, parameters dropped: what parsers switch on. */
export const mediaType = (contentType: string): string => contentType.split(";")[0]!.trim().toLowerCase();
