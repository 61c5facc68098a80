import Glibc

/// A C library opened at run time, so leadbox starts and works on a laptop without it and only
/// the photo reader says which package is missing. Never closed: the libraries keep global
/// state (zbar's decoder tables, libjpeg's) and a second `dlopen` of a loaded library is cheap.
struct SharedLibrary {
    private let handle: UnsafeMutableRawPointer
    private let missing: BadgeImageError

    /// Opens `file` (its soname, as the Debian package installs it).
    init(_ file: String, package: String, purpose: String) throws(BadgeImageError) {
        missing = .missingLibrary(library: file, package: package, purpose: purpose)
        guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else { throw missing }
        self.handle = handle
    }

    /// The function `name` as the C type `T` (an `@convention(c)` function type). A library
    /// without it is too old or not the one expected: reported as missing, naming the package.
    func function<T>(_ name: String, as type: T.Type) throws(BadgeImageError) -> T {
        guard let symbol = dlsym(handle, name) else { throw missing }
        return unsafeBitCast(symbol, to: type)
    }
}
