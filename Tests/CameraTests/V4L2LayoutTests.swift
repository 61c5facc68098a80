import CV4L2
import Testing

@testable import Camera

/// The V4L2 structures and request numbers CV4L2.h declares, against the kernel's (the C file
/// checks the layouts again when it compiles).
struct V4L2LayoutTests {
    @Test func structuresHaveTheKernelsSizes() {
        // <linux/videodev2.h> on 64-bit Linux.
        #expect(MemoryLayout<cv4l2_capability>.size == 104)
        #expect(MemoryLayout<cv4l2_fmtdesc>.size == 64)
        #expect(MemoryLayout<cv4l2_pix_format>.size == 48)
        #expect(MemoryLayout<cv4l2_format>.size == 208)
        #expect(MemoryLayout<cv4l2_requestbuffers>.size == 20)
        #expect(MemoryLayout<cv4l2_buffer>.size == 88)
        #expect(MemoryLayout<cv4l2_buffer>.offset(of: \cv4l2_buffer.m) == 64)
        #expect(MemoryLayout<cv4l2_buffer>.offset(of: \cv4l2_buffer.length) == 72)
        #expect(MemoryLayout<cv4l2_format>.offset(of: \cv4l2_format.fmt) == 8)
    }

    @Test func requestNumbersAreTheKernels() {
        let ours: [UInt] = [
            CV4L2_VIDIOC_QUERYCAP, CV4L2_VIDIOC_ENUM_FMT, CV4L2_VIDIOC_S_FMT, CV4L2_VIDIOC_REQBUFS, CV4L2_VIDIOC_QUERYBUF, CV4L2_VIDIOC_QBUF,
            CV4L2_VIDIOC_DQBUF, CV4L2_VIDIOC_STREAMON, CV4L2_VIDIOC_STREAMOFF,
        ]
        for (index, number) in ours.enumerated() { #expect(number == cv4l2_kernel_request(Int32(index)), "request \(index)") }
        // Spelled out too, as `ioctl` tracing tools print them.
        #expect(CV4L2_VIDIOC_QUERYCAP == 0x8068_5600)
        #expect(CV4L2_VIDIOC_DQBUF == 0xC058_5611)
    }

    @Test func fourCharacterCodes() {
        #expect(V4L2Camera.yuyv == 0x5659_5559)
        #expect(V4L2Camera.mjpeg == 0x4750_4A4D)
        #expect(V4L2Camera.name(ofFourcc: V4L2Camera.mjpeg) == "MJPG")
    }
}
