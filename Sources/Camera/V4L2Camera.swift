import CV4L2
import Foundation
import Glibc

/// A webcam through Video4Linux2: the thin shell over `open`, `ioctl`, `mmap` and `poll`.
///
/// Streams memory-mapped buffers: asks for YUYV (luma is the grey zbar wants, with no decoding)
/// or else MJPEG, at 1280 × 720 or the nearest size the driver offers, in four buffers the driver
/// fills in turn. Each `nextFrame` takes the newest filled buffer and gives older ones straight
/// back, so a slow decode drops frames instead of falling behind.
public final class V4L2Camera: FrameSource {
    private let asked: String?
    private var device = ""
    private var fd: Int32 = -1
    private var buffers: [(start: UnsafeMutableRawPointer, length: Int)] = []
    private var streaming = false
    private var format = Frame.Format.yuyv
    private var width = 0, height = 0, bytesPerLine = 0, imageSize = 0

    /// The size asked for: enough for a badge's code held at arm's length, small enough to decode
    /// in a few tens of milliseconds.
    static let preferredSize = (width: 1280, height: 720)
    static let bufferCount: UInt32 = 4
    static let yuyv = fourcc("YUYV"), mjpeg = fourcc("MJPG")

    /// - parameter device: a path such as `/dev/video2`; nil takes the first capture device.
    public init(device: String?) {
        asked = device
    }

    public var name: String { device.isEmpty ? (asked ?? "camera") : device }

    public func start() throws(CameraError) {
        if let asked {
            device = asked
            fd = try V4L2Camera.open(asked)
            do {
                try V4L2Camera.checkCapturesVideo(fd, device: asked)
            } catch {
                close(fd)
                fd = -1
                throw error
            }
        } else {
            (device, fd) = try V4L2Camera.firstCaptureDevice()
        }
        do {
            try configure()
            try mapBuffers()
            var type = Int32(CV4L2_BUF_TYPE_VIDEO_CAPTURE)
            try request(CV4L2_VIDIOC_STREAMON, &type, step: "VIDIOC_STREAMON")
            streaming = true
        } catch {
            stop()
            throw error
        }
    }

    public func nextFrame(timeout: Duration) throws(CameraError) -> FrameArrival {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&poller, 1, milliseconds)
        if ready < 0, errno == EINTR { return .none }
        guard ready > 0 else {
            if ready < 0 { throw .failed(device: device, step: "poll", reason: String(cString: strerror(errno))) }
            return .none
        }
        guard var newest = try dequeue() else { return .none }
        // Older frames were waiting: keep only the newest, give the others back at once.
        while let newer = try dequeue() {
            try enqueue(newest.index)
            newest = newer
        }
        let used = newest.bytesused > 0 ? Int(newest.bytesused) : imageSize
        let buffer = buffers[Int(newest.index)]
        let bytes = Array(UnsafeRawBufferPointer(start: buffer.start, count: min(used, buffer.length)))
        try enqueue(newest.index)
        return .frame(Frame(format: format, width: width, height: height, bytesPerLine: bytesPerLine, bytes: bytes))
    }

    public func stop() {
        if streaming {
            var type = Int32(CV4L2_BUF_TYPE_VIDEO_CAPTURE)
            _ = cv4l2_ioctl(fd, CV4L2_VIDIOC_STREAMOFF, &type)
            streaming = false
        }
        for buffer in buffers { munmap(buffer.start, buffer.length) }
        buffers = []
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    deinit { stop() }

    // MARK: - Opening

    /// Opens a device path; the errors a person can act on get their own sentence.
    static func open(_ path: String) throws(CameraError) -> Int32 {
        let fd = Glibc.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd < 0 else { return fd }
        switch errno {
        case EACCES, EPERM: throw .permissionDenied(device: path)
        case EBUSY: throw .busy(device: path)
        case ENOENT: throw .notACamera(device: path, reason: "there is no such file")
        case EISDIR: throw .notACamera(device: path, reason: "it is a folder")
        default: throw .cannotOpen(device: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Throws unless the device captures video by streaming.
    static func checkCapturesVideo(_ fd: Int32, device: String) throws(CameraError) {
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFCHR {
            throw .notACamera(device: device, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a folder" : "it is an ordinary file")
        }
        var capability = cv4l2_capability()
        guard cv4l2_ioctl(fd, CV4L2_VIDIOC_QUERYCAP, &capability) == 0 else {
            if errno == ENOTTY || errno == EINVAL { throw .notACamera(device: device, reason: "it is no Video4Linux device") }
            throw .cannotOpen(device: device, reason: String(cString: strerror(errno)))
        }
        let caps = capability.capabilities & CV4L2_CAP_DEVICE_CAPS != 0 ? capability.device_caps : capability.capabilities
        guard caps & CV4L2_CAP_VIDEO_CAPTURE != 0 else {
            throw .notACamera(device: device, reason: "it does not capture video (a metadata or output node)")
        }
        guard caps & CV4L2_CAP_STREAMING != 0 else { throw .notACamera(device: device, reason: "it cannot stream frames") }
    }

    /// The first `/dev/videoN` (by N) that captures video. When none does, the first reason a
    /// person can act on (no permission, busy) is given rather than "no camera".
    static func firstCaptureDevice() throws(CameraError) -> (String, Int32) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        let videos = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("video"), let number = Int(name.dropFirst(5)) else { return nil }
            return (number, "/dev/" + name)
        }.sorted { $0.0 < $1.0 }
        var actionable: CameraError?
        for (_, path) in videos {
            do {
                let fd = try open(path)
                do {
                    try checkCapturesVideo(fd, device: path)
                    return (path, fd)
                } catch {
                    close(fd)
                }
            } catch {
                if case .permissionDenied = error, actionable == nil { actionable = error }
                if case .busy = error, actionable == nil { actionable = error }
            }
        }
        throw actionable ?? .noCamera
    }

    // MARK: - Format and buffers

    private func configure() throws(CameraError) {
        var offered: [UInt32] = []
        var description = cv4l2_fmtdesc()
        description.type = CV4L2_BUF_TYPE_VIDEO_CAPTURE
        while offered.count < 64, cv4l2_ioctl(fd, CV4L2_VIDIOC_ENUM_FMT, &description) == 0 {
            offered.append(description.pixelformat)
            description.index += 1
        }
        guard let pixelFormat = [V4L2Camera.yuyv, V4L2Camera.mjpeg].first(where: offered.contains) else {
            throw .noUsableFormat(device: device, formats: offered.map(V4L2Camera.name(ofFourcc:)))
        }
        var asked = cv4l2_format()
        asked.type = CV4L2_BUF_TYPE_VIDEO_CAPTURE
        asked.fmt.pix.width = UInt32(V4L2Camera.preferredSize.width)
        asked.fmt.pix.height = UInt32(V4L2Camera.preferredSize.height)
        asked.fmt.pix.pixelformat = pixelFormat
        asked.fmt.pix.field = CV4L2_FIELD_ANY
        try request(CV4L2_VIDIOC_S_FMT, &asked, step: "VIDIOC_S_FMT")
        // The driver answers with what it will send: the nearest size, perhaps another format.
        let pix = asked.fmt.pix
        guard pix.pixelformat == V4L2Camera.yuyv || pix.pixelformat == V4L2Camera.mjpeg else {
            throw .noUsableFormat(device: device, formats: [V4L2Camera.name(ofFourcc: pix.pixelformat)])
        }
        format = pix.pixelformat == V4L2Camera.yuyv ? .yuyv : .mjpeg
        width = Int(pix.width)
        height = Int(pix.height)
        bytesPerLine = format == .yuyv ? max(Int(pix.bytesperline), width * 2) : 0
        imageSize = Int(pix.sizeimage)
    }

    private func mapBuffers() throws(CameraError) {
        var requested = cv4l2_requestbuffers()
        requested.count = V4L2Camera.bufferCount
        requested.type = CV4L2_BUF_TYPE_VIDEO_CAPTURE
        requested.memory = CV4L2_MEMORY_MMAP
        try request(CV4L2_VIDIOC_REQBUFS, &requested, step: "VIDIOC_REQBUFS")
        guard requested.count >= 2 else { throw .failed(device: device, step: "VIDIOC_REQBUFS", reason: "the driver gave fewer than two buffers") }
        for index in 0..<requested.count {
            var buffer = buffer(index)
            try request(CV4L2_VIDIOC_QUERYBUF, &buffer, step: "VIDIOC_QUERYBUF")
            let start = mmap(nil, Int(buffer.length), PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(buffer.m.offset))
            guard let start, start != MAP_FAILED else {
                throw .failed(device: device, step: "mmap", reason: String(cString: strerror(errno)))
            }
            buffers.append((start, Int(buffer.length)))
            try request(CV4L2_VIDIOC_QBUF, &buffer, step: "VIDIOC_QBUF")
        }
    }

    private func buffer(_ index: UInt32) -> cv4l2_buffer {
        var buffer = cv4l2_buffer()
        buffer.index = index
        buffer.type = CV4L2_BUF_TYPE_VIDEO_CAPTURE
        buffer.memory = CV4L2_MEMORY_MMAP
        return buffer
    }

    /// A filled buffer, or nil when none is ready (the device is non-blocking).
    private func dequeue() throws(CameraError) -> cv4l2_buffer? {
        var buffer = buffer(0)
        guard cv4l2_ioctl(fd, CV4L2_VIDIOC_DQBUF, &buffer) == 0 else {
            if errno == EAGAIN { return nil }
            if errno == ENODEV { throw .failed(device: device, step: "VIDIOC_DQBUF", reason: "the camera was unplugged") }
            throw .failed(device: device, step: "VIDIOC_DQBUF", reason: String(cString: strerror(errno)))
        }
        return buffer
    }

    private func enqueue(_ index: UInt32) throws(CameraError) {
        var buffer = buffer(index)
        try request(CV4L2_VIDIOC_QBUF, &buffer, step: "VIDIOC_QBUF")
    }

    private func request<T>(_ number: UInt, _ argument: inout T, step: String) throws(CameraError) {
        guard withUnsafeMutableBytes(of: &argument, { cv4l2_ioctl(fd, number, $0.baseAddress) }) != 0 else { return }
        if errno == EBUSY { throw .busy(device: device) }
        if errno == ENODEV { throw .failed(device: device, step: step, reason: "the camera was unplugged") }
        throw .failed(device: device, step: step, reason: String(cString: strerror(errno)))
    }

    // MARK: - Four-character codes

    static func fourcc(_ text: StaticString) -> UInt32 {
        text.withUTF8Buffer { bytes in bytes.prefix(4).enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) } }
    }

    static func name(ofFourcc code: UInt32) -> String {
        String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: code >> (8 * $0)) }, as: UTF8.self).trimmingCharacters(in: [" "])
    }
}
