/* Compile-time proof that CV4L2.h lays the structures out as the kernel does. */
#include "CV4L2.h"

#if __has_include(<linux/videodev2.h>)
#include <stddef.h>
#include <linux/videodev2.h>

#define SAME_LAYOUT(ours, theirs) \
    _Static_assert(sizeof(struct ours) == sizeof(struct theirs), #ours " differs in size from " #theirs)
#define SAME_OFFSET(ours, theirs, field) \
    _Static_assert(offsetof(struct ours, field) == offsetof(struct theirs, field), #ours "." #field " is misplaced")

SAME_LAYOUT(cv4l2_capability, v4l2_capability);
SAME_OFFSET(cv4l2_capability, v4l2_capability, capabilities);
SAME_OFFSET(cv4l2_capability, v4l2_capability, device_caps);
SAME_LAYOUT(cv4l2_fmtdesc, v4l2_fmtdesc);
SAME_OFFSET(cv4l2_fmtdesc, v4l2_fmtdesc, pixelformat);
SAME_LAYOUT(cv4l2_pix_format, v4l2_pix_format);
SAME_LAYOUT(cv4l2_format, v4l2_format);
SAME_OFFSET(cv4l2_format, v4l2_format, fmt);
SAME_LAYOUT(cv4l2_requestbuffers, v4l2_requestbuffers);
SAME_LAYOUT(cv4l2_buffer, v4l2_buffer);
SAME_OFFSET(cv4l2_buffer, v4l2_buffer, bytesused);
SAME_OFFSET(cv4l2_buffer, v4l2_buffer, timestamp);
SAME_OFFSET(cv4l2_buffer, v4l2_buffer, memory);
SAME_OFFSET(cv4l2_buffer, v4l2_buffer, m);
SAME_OFFSET(cv4l2_buffer, v4l2_buffer, length);

unsigned long cv4l2_kernel_request(int which) {
    switch (which) {
    case 0: return VIDIOC_QUERYCAP;
    case 1: return VIDIOC_ENUM_FMT;
    case 2: return VIDIOC_S_FMT;
    case 3: return VIDIOC_REQBUFS;
    case 4: return VIDIOC_QUERYBUF;
    case 5: return VIDIOC_QBUF;
    case 6: return VIDIOC_DQBUF;
    case 7: return VIDIOC_STREAMON;
    case 8: return VIDIOC_STREAMOFF;
    default: return 0;
    }
}
#else
unsigned long cv4l2_kernel_request(int which) {
    (void)which;
    return 0;
}
#endif
