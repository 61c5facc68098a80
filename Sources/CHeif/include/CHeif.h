/* The few libheif 1.x declarations leadbox needs, to call libheif.so.1 through dlopen without
 * its headers (libheif-dev): the error struct its functions return by value, and the function
 * types. Enumerations are C ints, as libheif declares them; the pointers are opaque. */
#ifndef CHEIF_H
#define CHEIF_H

#include <stddef.h>
#include <stdint.h>

struct cheif_error {
    int code; /* enum heif_error_code: 0 is heif_error_Ok */
    int subcode;
    const char *message;
};

typedef void *(*cheif_context_alloc_fn)(void);
typedef void (*cheif_context_free_fn)(void *context);
typedef struct cheif_error (*cheif_read_from_memory_fn)(void *context, const void *data, size_t size, const void *options);
typedef struct cheif_error (*cheif_primary_handle_fn)(void *context, void **handle);
typedef int (*cheif_handle_size_fn)(const void *handle);
typedef struct cheif_error (*cheif_decode_image_fn)(const void *handle, void **image, int colorspace, int chroma, const void *options);
typedef const uint8_t *(*cheif_plane_fn)(const void *image, int channel, int *stride);
typedef int (*cheif_channel_size_fn)(const void *image, int channel);
typedef void (*cheif_release_fn)(const void *object);

/* Values from libheif's heif.h. */
enum {
    CHEIF_COLORSPACE_YCBCR = 0,
    CHEIF_CHROMA_420 = 1,
    CHEIF_CHANNEL_Y = 0,
};

#endif
