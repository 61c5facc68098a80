/*
 * The few V4L2 structures and ioctl numbers leadbox's camera uses, declared here rather than
 * taken from <linux/videodev2.h>: Swift cannot import the _IOR/_IOWR request macros, and the
 * header's anonymous unions import poorly. Each layout is checked against the kernel header at
 * compile time (CV4L2.c) and its size again in the tests (CameraTests/V4L2LayoutTests).
 */
#ifndef CV4L2_H
#define CV4L2_H

#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

struct cv4l2_capability {
    uint8_t driver[16];
    uint8_t card[32];
    uint8_t bus_info[32];
    uint32_t version;
    uint32_t capabilities;
    uint32_t device_caps;
    uint32_t reserved[3];
};

struct cv4l2_fmtdesc {
    uint32_t index;
    uint32_t type;
    uint32_t flags;
    uint8_t description[32];
    uint32_t pixelformat;
    uint32_t mbus_code;
    uint32_t reserved[3];
};

struct cv4l2_pix_format {
    uint32_t width;
    uint32_t height;
    uint32_t pixelformat;
    uint32_t field;
    uint32_t bytesperline;
    uint32_t sizeimage;
    uint32_t colorspace;
    uint32_t priv;
    uint32_t flags;
    uint32_t ycbcr_enc;
    uint32_t quantization;
    uint32_t xfer_func;
};

struct cv4l2_format {
    uint32_t type;
    /* The kernel's union also holds structures with pointers: pointer-aligned, 200 bytes. */
    union {
        struct cv4l2_pix_format pix;
        uint8_t raw_data[200];
        void *align;
    } fmt;
};

struct cv4l2_requestbuffers {
    uint32_t count;
    uint32_t type;
    uint32_t memory;
    uint32_t capabilities;
    uint8_t flags;
    uint8_t reserved[3];
};

struct cv4l2_timecode {
    uint32_t type;
    uint32_t flags;
    uint8_t frames;
    uint8_t seconds;
    uint8_t minutes;
    uint8_t hours;
    uint8_t userbits[4];
};

struct cv4l2_buffer {
    uint32_t index;
    uint32_t type;
    uint32_t bytesused;
    uint32_t flags;
    uint32_t field;
    struct timeval timestamp;
    struct cv4l2_timecode timecode;
    uint32_t sequence;
    uint32_t memory;
    union {
        uint32_t offset;
        unsigned long userptr;
        void *planes;
        int32_t fd;
    } m;
    uint32_t length;
    uint32_t reserved2;
    union {
        int32_t request_fd;
        uint32_t reserved;
    } request;
};

static const uint32_t CV4L2_BUF_TYPE_VIDEO_CAPTURE = 1;
static const uint32_t CV4L2_MEMORY_MMAP = 1;
static const uint32_t CV4L2_FIELD_ANY = 0;
static const uint32_t CV4L2_CAP_VIDEO_CAPTURE = 0x00000001;
static const uint32_t CV4L2_CAP_STREAMING = 0x04000000;
static const uint32_t CV4L2_CAP_DEVICE_CAPS = 0x80000000;

static const unsigned long CV4L2_VIDIOC_QUERYCAP = _IOR('V', 0, struct cv4l2_capability);
static const unsigned long CV4L2_VIDIOC_ENUM_FMT = _IOWR('V', 2, struct cv4l2_fmtdesc);
static const unsigned long CV4L2_VIDIOC_S_FMT = _IOWR('V', 5, struct cv4l2_format);
static const unsigned long CV4L2_VIDIOC_REQBUFS = _IOWR('V', 8, struct cv4l2_requestbuffers);
static const unsigned long CV4L2_VIDIOC_QUERYBUF = _IOWR('V', 9, struct cv4l2_buffer);
static const unsigned long CV4L2_VIDIOC_QBUF = _IOWR('V', 15, struct cv4l2_buffer);
static const unsigned long CV4L2_VIDIOC_DQBUF = _IOWR('V', 17, struct cv4l2_buffer);
static const unsigned long CV4L2_VIDIOC_STREAMON = _IOW('V', 18, int);
static const unsigned long CV4L2_VIDIOC_STREAMOFF = _IOW('V', 19, int);

/* ioctl with one pointer argument (Swift sees glibc's ioctl as variadic), retried when a signal
 * interrupts it; returns 0 or -1 with errno set. */
static inline int cv4l2_ioctl(int fd, unsigned long request, void *argument) {
    int result;
    do {
        result = ioctl(fd, request, argument);
    } while (result == -1 && errno == EINTR);
    return result;
}

/* The calling thread's kernel id (glibc's gettid is hidden without _GNU_SOURCE): the camera's
 * thread lowers its own priority with it. */
static inline int cv4l2_thread_id(void) {
    return (int)syscall(SYS_gettid);
}

/* The kernel header's request numbers, for the tests to compare with ours (0 without the header). */
unsigned long cv4l2_kernel_request(int which);

#endif
