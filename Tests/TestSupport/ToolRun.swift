import Foundation

/// Runs a command-line tool the tests draw pictures with (ImageMagick's convert, qrencode) to its
/// end: `input` goes to its stdin from a thread of its own, so a picture larger than the pipe's
/// buffer cannot leave the tool waiting on a full stdout while the test waits on its stdin.
public enum ToolRun {
    /// The tool's stdout; throws `Failed` when it exits with a status other than 0.
    public static func output(of tool: String, _ arguments: [String], input: Data = Data()) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed(tool: tool, arguments: arguments, status: process.terminationStatus) }
        return Array(output)
    }

    /// A tool that exited with a status other than 0.
    public struct Failed: Error, CustomStringConvertible {
        public let tool: String
        public let arguments: [String]
        public let status: Int32
        public var description: String { "\(tool) \(arguments.joined(separator: " ")) exited with status \(status)" }
    }
}
