export const id = 874;
export const ids = [874];
export const modules = {

/***/ 73874:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LZMAAction: () => (/* binding */ LZMAAction),
  LZMABufferError: () => (/* reexport */ LZMABufferError),
  LZMADataError: () => (/* reexport */ LZMADataError),
  LZMAError: () => (/* reexport */ LZMAError),
  LZMAErrorMessage: () => (/* binding */ LZMAErrorMessage),
  LZMAFilter: () => (/* binding */ LZMAFilter),
  LZMAFormatError: () => (/* reexport */ LZMAFormatError),
  LZMAMemoryError: () => (/* reexport */ LZMAMemoryError),
  LZMAMemoryLimitError: () => (/* reexport */ LZMAMemoryLimitError),
  LZMAOptionsError: () => (/* reexport */ LZMAOptionsError),
  LZMAPool: () => (/* reexport */ LZMAPool),
  LZMAProgrammingError: () => (/* reexport */ LZMAProgrammingError),
  LZMAStatus: () => (/* binding */ LZMAStatus),
  LZMA_BUF_ERROR: () => (/* binding */ LZMA_BUF_ERROR),
  LZMA_DATA_ERROR: () => (/* binding */ LZMA_DATA_ERROR),
  LZMA_FILTERS_MAX: () => (/* binding */ LZMA_FILTERS_MAX),
  LZMA_FILTER_ARM: () => (/* binding */ LZMA_FILTER_ARM),
  LZMA_FILTER_ARMTHUMB: () => (/* binding */ LZMA_FILTER_ARMTHUMB),
  LZMA_FILTER_IA64: () => (/* binding */ LZMA_FILTER_IA64),
  LZMA_FILTER_POWERPC: () => (/* binding */ LZMA_FILTER_POWERPC),
  LZMA_FILTER_X86: () => (/* binding */ LZMA_FILTER_X86),
  LZMA_FINISH: () => (/* binding */ LZMA_FINISH),
  LZMA_FORMAT_ERROR: () => (/* binding */ LZMA_FORMAT_ERROR),
  LZMA_FULL_FLUSH: () => (/* binding */ LZMA_FULL_FLUSH),
  LZMA_GET_CHECK: () => (/* binding */ LZMA_GET_CHECK),
  LZMA_MEMLIMIT_ERROR: () => (/* binding */ LZMA_MEMLIMIT_ERROR),
  LZMA_MEM_ERROR: () => (/* binding */ LZMA_MEM_ERROR),
  LZMA_NO_CHECK: () => (/* binding */ LZMA_NO_CHECK),
  LZMA_OK: () => (/* binding */ LZMA_OK),
  LZMA_OPTIONS_ERROR: () => (/* binding */ LZMA_OPTIONS_ERROR),
  LZMA_PROG_ERROR: () => (/* binding */ LZMA_PROG_ERROR),
  LZMA_RUN: () => (/* binding */ LZMA_RUN),
  LZMA_STREAM_END: () => (/* binding */ LZMA_STREAM_END),
  LZMA_SYNC_FLUSH: () => (/* binding */ LZMA_SYNC_FLUSH),
  LZMA_UNSUPPORTED_CHECK: () => (/* binding */ LZMA_UNSUPPORTED_CHECK),
  Unxz: () => (/* binding */ Unxz),
  Xz: () => (/* binding */ Xz),
  XzStream: () => (/* binding */ XzStream),
  check: () => (/* binding */ check),
  createUnxz: () => (/* binding */ createUnxz),
  createXz: () => (/* binding */ createXz),
  "default": () => (/* binding */ lzma),
  easyDecoderMemusage: () => (/* binding */ easyDecoderMemusage),
  easyEncoderMemusage: () => (/* binding */ easyEncoderMemusage),
  filter: () => (/* binding */ filter),
  flag: () => (/* binding */ flag),
  hasThreads: () => (/* binding */ hasThreads),
  isXZ: () => (/* binding */ isXZ),
  messages: () => (/* binding */ messages),
  mode: () => (/* binding */ mode),
  parseFileIndex: () => (/* binding */ parseFileIndex),
  preset: () => (/* binding */ preset),
  unxz: () => (/* binding */ unxz),
  unxzAsync: () => (/* binding */ unxzAsync),
  unxzFile: () => (/* binding */ unxzFile),
  unxzSync: () => (/* binding */ unxzSync),
  versionNumber: () => (/* binding */ versionNumber),
  versionString: () => (/* binding */ versionString),
  xz: () => (/* binding */ xz),
  xzAsync: () => (/* binding */ xzAsync),
  xzFile: () => (/* binding */ xzFile),
  xzSync: () => (/* binding */ xzSync)
});

// EXTERNAL MODULE: external "node:assert"
var external_node_assert_ = __webpack_require__(34589);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(98995);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./node_modules/node-liblzma/lib/errors.js
/**
 * node-liblzma - Node.js bindings for liblzma
 * Copyright (C) Olivier Orabona <olivier.orabona@gmail.com>
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU Lesser General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
/**
 * Base class for all LZMA-related errors
 */
class LZMAError extends Error {
    constructor(message, errno) {
        super(message);
        this.name = 'LZMAError';
        this.errno = errno;
        this.code = errno;
        Error.captureStackTrace(this, this.constructor);
    }
}
/**
 * Memory allocation error - thrown when LZMA cannot allocate required memory
 */
class LZMAMemoryError extends LZMAError {
    constructor(errno) {
        super('Cannot allocate memory', errno);
        this.name = 'LZMAMemoryError';
    }
}
/**
 * Memory limit error - thrown when operation would exceed memory usage limit
 */
class LZMAMemoryLimitError extends LZMAError {
    constructor(errno) {
        super('Memory usage limit was reached', errno);
        this.name = 'LZMAMemoryLimitError';
    }
}
/**
 * Format error - thrown when file format is not recognized
 */
class LZMAFormatError extends LZMAError {
    constructor(errno) {
        super('File format not recognized', errno);
        this.name = 'LZMAFormatError';
    }
}
/**
 * Options error - thrown when invalid or unsupported options are provided
 */
class LZMAOptionsError extends LZMAError {
    constructor(errno) {
        super('Invalid or unsupported options', errno);
        this.name = 'LZMAOptionsError';
    }
}
/**
 * Data error - thrown when compressed data is corrupt
 */
class LZMADataError extends LZMAError {
    constructor(errno) {
        super('Data is corrupt', errno);
        this.name = 'LZMADataError';
    }
}
/**
 * Buffer error - thrown when no progress is possible (e.g., buffer too small)
 */
class LZMABufferError extends LZMAError {
    constructor(errno) {
        super('No progress is possible', errno);
        this.name = 'LZMABufferError';
    }
}
/**
 * Programming error - thrown when there's an internal programming error
 */
class LZMAProgrammingError extends LZMAError {
    constructor(errno) {
        super('Programming error', errno);
        this.name = 'LZMAProgrammingError';
    }
}
/**
 * Factory function to create appropriate error instance based on errno
 */
function createLZMAError(errno, message) {
    // LZMA return codes mapping from liblzma/base.h:
    // Codes 0-4 are success/informational status codes, not errors.
    // They are handled by the default case below.
    /* biome-ignore lint/correctness/noUnusedVariables: Kept for documentation - shows full lzma_ret enum range (0-11) */
    const LZMA_OK = 0; // Operation completed successfully
    /* biome-ignore lint/correctness/noUnusedVariables: Kept for documentation */
    const LZMA_STREAM_END = 1; // End of stream reached
    /* biome-ignore lint/correctness/noUnusedVariables: Kept for documentation */
    const LZMA_NO_CHECK = 2; // Input stream has no integrity check
    /* biome-ignore lint/correctness/noUnusedVariables: Kept for documentation */
    const LZMA_UNSUPPORTED_CHECK = 3; // Cannot calculate integrity check
    /* biome-ignore lint/correctness/noUnusedVariables: Kept for documentation */
    const LZMA_GET_CHECK = 4; // Integrity check type now available
    // Actual error codes (5-11) - these get specialized error classes:
    const LZMA_MEM_ERROR = 5; // Cannot allocate memory
    const LZMA_MEMLIMIT_ERROR = 6; // Memory usage limit reached
    const LZMA_FORMAT_ERROR = 7; // File format not recognized
    const LZMA_OPTIONS_ERROR = 8; // Invalid or unsupported options
    const LZMA_DATA_ERROR = 9; // Data is corrupt
    const LZMA_BUF_ERROR = 10; // No progress possible
    const LZMA_PROG_ERROR = 11; // Programming error
    switch (errno) {
        case LZMA_MEM_ERROR:
            return new LZMAMemoryError(errno);
        case LZMA_MEMLIMIT_ERROR:
            return new LZMAMemoryLimitError(errno);
        case LZMA_FORMAT_ERROR:
            return new LZMAFormatError(errno);
        case LZMA_OPTIONS_ERROR:
            return new LZMAOptionsError(errno);
        case LZMA_DATA_ERROR:
            return new LZMADataError(errno);
        case LZMA_BUF_ERROR:
            return new LZMABufferError(errno);
        case LZMA_PROG_ERROR:
            return new LZMAProgrammingError(errno);
        default: {
            // For success codes and unknown errors, use base LZMAError
            const errorMessage = message || getErrorMessage(errno);
            return new LZMAError(errorMessage, errno);
        }
    }
}
/**
 * Get error message for a given errno
 */
function getErrorMessage(errno) {
    const messages = [
        'Operation completed successfully',
        'End of stream was reached',
        'Input stream has no integrity check',
        'Cannot calculate the integrity check',
        'Integrity check type is not available',
        'Cannot allocate memory',
        'Memory usage limit was reached',
        'File format not recognized',
        'Invalid or unsupported options',
        'Data is corrupt',
        'No progress is possible',
        'Programming error',
    ];
    // F-011: Handle out-of-bounds errno explicitly instead of silent clamping
    if (errno < 0 || errno >= messages.length) {
        return `Unknown LZMA error code: ${errno}`;
    }
    return messages[errno];
}
//# sourceMappingURL=errors.js.map
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(78474);
;// CONCATENATED MODULE: ./node_modules/node-liblzma/lib/pool.js
/**
 * node-liblzma - Node.js bindings for liblzma
 * Copyright (C) Olivier Orabona <olivier.orabona@gmail.com>
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU Lesser General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */


/**
 * LZMA Pool with concurrency control and event monitoring
 *
 * Provides rate limiting and backpressure for LZMA operations.
 * Emits events for monitoring and metrics collection in production.
 *
 * @example
 * ```typescript
 * const pool = new LZMAPool(10); // Max 10 concurrent operations
 *
 * pool.on('metrics', (metrics) => {
 *   console.log(`Active: ${metrics.active}, Queued: ${metrics.queued}`);
 * });
 *
 * const compressed = await pool.compress(buffer);
 * ```
 *
 * Events:
 * - 'queue': Emitted when task added to queue
 * - 'start': Emitted when task starts processing
 * - 'complete': Emitted when task completes successfully
 * - 'error-task': Emitted when task fails
 * - 'metrics': Emitted after each state change with current metrics
 */
class LZMAPool extends external_node_events_.EventEmitter {
    /**
     * Create a new LZMA pool
     * @param maxConcurrent Maximum number of concurrent operations (default: 10)
     */
    constructor(maxConcurrent = 10) {
        super();
        this.maxConcurrent = maxConcurrent;
        this.queue = [];
        this.metrics = {
            active: 0,
            queued: 0,
            completed: 0,
            failed: 0,
        };
        if (maxConcurrent < 1) {
            throw new RangeError('maxConcurrent must be at least 1');
        }
    }
    /**
     * Compress data with automatic queue management
     * @param data Buffer to compress
     * @param opts LZMA compression options
     * @returns Promise that resolves to compressed buffer
     */
    async compress(data, opts) {
        return this.enqueue(() => xzAsync(data, opts));
    }
    /**
     * Decompress data with automatic queue management
     * @param data Compressed buffer to decompress
     * @param opts LZMA decompression options
     * @returns Promise that resolves to decompressed buffer
     */
    async decompress(data, opts) {
        return this.enqueue(() => unxzAsync(data, opts));
    }
    /**
     * Get current pool metrics
     * @returns Copy of current metrics
     */
    getMetrics() {
        return { ...this.metrics };
    }
    /**
     * Get number of tasks waiting in queue
     * @returns Queue length
     */
    get queueLength() {
        return this.queue.length;
    }
    /**
     * Get number of currently active tasks
     * @returns Active task count
     */
    get activeCount() {
        return this.metrics.active;
    }
    /**
     * Check if pool is at maximum capacity
     * @returns True if at capacity
     */
    get isAtCapacity() {
        return this.metrics.active >= this.maxConcurrent;
    }
    /**
     * Enqueue a task for execution
     * @param fn Task function returning Promise<Buffer>
     * @returns Promise that resolves when task completes
     */
    async enqueue(fn) {
        return new Promise((resolve, reject) => {
            this.queue.push({ fn, resolve, reject });
            this.metrics.queued = this.queue.length;
            this.emit('queue', { ...this.metrics });
            this.processQueue();
        });
    }
    /**
     * Process tasks from queue respecting concurrency limit
     */
    processQueue() {
        // Don't start new tasks if at capacity or queue empty
        if (this.metrics.active >= this.maxConcurrent || this.queue.length === 0) {
            return;
        }
        const item = this.queue.shift();
        /* c8 ignore next - should never happen because we check queue length before */
        if (!item)
            return;
        this.metrics.active++;
        this.metrics.queued = this.queue.length;
        this.emit('start', { ...this.metrics });
        // F-010: Execute task with exception guard for sync throws
        Promise.resolve()
            .then(() => item.fn())
            .then((result) => {
            this.metrics.completed++;
            item.resolve(result);
            this.emit('complete', { ...this.metrics });
        })
            .catch((error) => {
            this.metrics.failed++;
            item.reject(error);
            this.emit('error-task', error, { ...this.metrics });
        })
            .finally(() => {
            this.metrics.active--;
            this.emit('metrics', { ...this.metrics });
            // Process next task in queue
            this.processQueue();
        });
    }
    /**
     * Wait for all active tasks to complete
     * Does not process new tasks added while waiting
     * @returns Promise that resolves when all active tasks are done
     */
    async drain() {
        if (this.metrics.active === 0) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            const checkDrained = () => {
                if (this.metrics.active === 0) {
                    this.off('metrics', checkDrained);
                    resolve();
                }
            };
            this.on('metrics', checkDrained);
        });
    }
    /**
     * Clear all pending tasks from the queue
     * Active tasks will continue to run
     * @returns Number of tasks removed from queue
     */
    clearQueue() {
        const cleared = this.queue.length;
        // F-008: Reject all pending promises before clearing
        const error = new Error('Task cancelled: queue cleared');
        for (const task of this.queue) {
            task.reject(error);
        }
        this.queue = [];
        this.metrics.queued = 0;
        this.emit('metrics', { ...this.metrics });
        return cleared;
    }
}
//# sourceMappingURL=pool.js.map
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
;// CONCATENATED MODULE: ./node_modules/node-liblzma/lib/lzma.js
/**
 * node-liblzma - Node.js bindings for liblzma
 * Copyright (C) Olivier Orabona <olivier.orabona@gmail.com>
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU Lesser General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */







// Re-export error classes for public API

// Re-export pool for concurrency control

const lzma_filename = (0,external_node_url_.fileURLToPath)(import.meta.url);
const lzma_dirname = external_node_path_.dirname(lzma_filename);
const lzma_require = (0,external_node_module_.createRequire)(import.meta.url);
const bindingPath = external_node_path_.resolve(external_node_path_.join(lzma_dirname, '..'));
const liblzma = lzma_require('node-gyp-build')(bindingPath);
// Should not change over time... :)
const maxThreads = external_node_os_.cpus().length;
/**
 * Integrity check types for XZ streams.
 * Use CRC64 for best balance of speed and error detection.
 * @example
 * ```ts
 * const compressor = createXz({ check: check.CRC64 });
 * ```
 */
const check = {
    NONE: liblzma.LZMA_CHECK_NONE,
    CRC32: liblzma.LZMA_CHECK_CRC32,
    CRC64: liblzma.LZMA_CHECK_CRC64,
    SHA256: liblzma.LZMA_CHECK_SHA256,
};
/**
 * Compression preset flags.
 * Can be combined with preset level using bitwise OR.
 * @example
 * ```ts
 * const compressor = createXz({ preset: 6 | preset.EXTREME });
 * ```
 */
const preset = {
    /** Default compression level (6) */
    DEFAULT: liblzma.LZMA_PRESET_DEFAULT,
    /** Extreme mode flag - slower but better compression */
    EXTREME: liblzma.LZMA_PRESET_EXTREME,
};
/**
 * Decoder flags for controlling decompression behavior.
 * @example
 * ```ts
 * const decompressor = createUnxz({ flushFlag: flag.CONCATENATED });
 * ```
 */
const flag = {
    /** Tell decoder if input has no integrity check */
    TELL_NO_CHECK: liblzma.LZMA_TELL_NO_CHECK,
    /** Tell decoder if integrity check is unsupported */
    TELL_UNSUPPORTED_CHECK: liblzma.LZMA_TELL_UNSUPPORTED_CHECK,
    /** Tell decoder about any integrity check type */
    TELL_ANY_CHECK: liblzma.LZMA_TELL_ANY_CHECK,
    /** Allow concatenated XZ streams */
    CONCATENATED: liblzma.LZMA_CONCATENATED,
};
/**
 * Compression filters for preprocessing data before LZMA2.
 * BCJ filters improve compression for executable code.
 * @example
 * ```ts
 * // Compress x86 executable with BCJ filter
 * const compressor = createXz({ filters: [filter.X86, filter.LZMA2] });
 * ```
 */
const filter = {
    /** LZMA2 compression filter (required, must be last) */
    LZMA2: liblzma.LZMA_FILTER_LZMA2,
    /** BCJ filter for x86 executables */
    X86: liblzma.LZMA_FILTER_X86,
    /** BCJ filter for PowerPC executables */
    POWERPC: liblzma.LZMA_FILTER_POWERPC,
    /** BCJ filter for IA-64 executables */
    IA64: liblzma.LZMA_FILTER_IA64,
    /** BCJ filter for ARM executables */
    ARM: liblzma.LZMA_FILTER_ARM,
    /** BCJ filter for ARM-Thumb executables */
    ARMTHUMB: liblzma.LZMA_FILTER_ARMTHUMB,
    /** BCJ filter for SPARC executables */
    SPARC: liblzma.LZMA_FILTER_SPARC,
};
/* v8 ignore next */
/**
 * Compression mode selection.
 * FAST uses less memory, NORMAL provides better compression.
 */
const mode = {
    /** Fast compression mode - less memory, faster */
    FAST: liblzma.LZMA_MODE_FAST,
    /** Normal compression mode - better ratio */
    NORMAL: liblzma.LZMA_MODE_NORMAL,
};
/* v8 ignore next 2 */
/**
 * LZMA stream action constants.
 * Control how the encoder/decoder processes input.
 */
const LZMAAction = {
    /** Normal processing - continue encoding/decoding */
    RUN: liblzma.LZMA_RUN,
    /** Flush pending output synchronously */
    SYNC_FLUSH: liblzma.LZMA_SYNC_FLUSH,
    /** Flush and reset encoder state */
    FULL_FLUSH: liblzma.LZMA_FULL_FLUSH,
    /** Finish the stream - no more input */
    FINISH: liblzma.LZMA_FINISH,
};
/* v8 ignore next 2 */
/**
 * LZMA operation status/return codes.
 * Used to indicate the result of encoding/decoding operations.
 */
const LZMAStatus = {
    OK: liblzma.LZMA_OK,
    STREAM_END: liblzma.LZMA_STREAM_END,
    NO_CHECK: liblzma.LZMA_NO_CHECK,
    UNSUPPORTED_CHECK: liblzma.LZMA_UNSUPPORTED_CHECK,
    GET_CHECK: liblzma.LZMA_GET_CHECK,
    MEM_ERROR: liblzma.LZMA_MEM_ERROR,
    MEMLIMIT_ERROR: liblzma.LZMA_MEMLIMIT_ERROR,
    FORMAT_ERROR: liblzma.LZMA_FORMAT_ERROR,
    OPTIONS_ERROR: liblzma.LZMA_OPTIONS_ERROR,
    DATA_ERROR: liblzma.LZMA_DATA_ERROR,
    BUF_ERROR: liblzma.LZMA_BUF_ERROR,
    PROG_ERROR: liblzma.LZMA_PROG_ERROR,
};
// Additional filter constants
const LZMAFilter = {
    ...filter,
    X86_ALT: liblzma.LZMA_FILTER_X86,
    POWERPC_ALT: liblzma.LZMA_FILTER_POWERPC,
    IA64_ALT: liblzma.LZMA_FILTER_IA64,
    ARM_ALT: liblzma.LZMA_FILTER_ARM,
    ARMTHUMB_ALT: liblzma.LZMA_FILTER_ARMTHUMB,
    FILTERS_MAX: liblzma.LZMA_FILTERS_MAX,
};
// Legacy individual exports for backward compatibility
const LZMA_RUN = LZMAAction.RUN;
const LZMA_SYNC_FLUSH = LZMAAction.SYNC_FLUSH;
const LZMA_FULL_FLUSH = LZMAAction.FULL_FLUSH;
const LZMA_FINISH = LZMAAction.FINISH;
const LZMA_OK = LZMAStatus.OK;
const LZMA_STREAM_END = LZMAStatus.STREAM_END;
const LZMA_NO_CHECK = LZMAStatus.NO_CHECK;
const LZMA_UNSUPPORTED_CHECK = LZMAStatus.UNSUPPORTED_CHECK;
const LZMA_GET_CHECK = LZMAStatus.GET_CHECK;
const LZMA_MEM_ERROR = LZMAStatus.MEM_ERROR;
const LZMA_MEMLIMIT_ERROR = LZMAStatus.MEMLIMIT_ERROR;
const LZMA_FORMAT_ERROR = LZMAStatus.FORMAT_ERROR;
const LZMA_OPTIONS_ERROR = LZMAStatus.OPTIONS_ERROR;
const LZMA_DATA_ERROR = LZMAStatus.DATA_ERROR;
const LZMA_BUF_ERROR = LZMAStatus.BUF_ERROR;
const LZMA_PROG_ERROR = LZMAStatus.PROG_ERROR;
const LZMA_FILTER_X86 = LZMAFilter.X86_ALT;
const LZMA_FILTER_POWERPC = LZMAFilter.POWERPC_ALT;
const LZMA_FILTER_IA64 = LZMAFilter.IA64_ALT;
const LZMA_FILTER_ARM = LZMAFilter.ARM_ALT;
const LZMA_FILTER_ARMTHUMB = LZMAFilter.ARMTHUMB_ALT;
const LZMA_FILTERS_MAX = LZMAFilter.FILTERS_MAX;
/**
 * Abstract base class for XZ compression/decompression streams.
 * Extends Node.js Transform stream with LZMA2 encoding/decoding.
 *
 * @example
 * ```ts
 * // Use Xz or Unxz classes instead of XzStream directly
 * const compressor = new Xz({ preset: 6 });
 * readStream.pipe(compressor).pipe(writeStream);
 * ```
 *
 * Emits `progress` event after each chunk with `{bytesRead, bytesWritten}` info.
 */
class XzStream extends external_node_stream_.Transform {
    // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: Constructor needs complex validation for LZMA options
    constructor(streamMode, opts = {}, options) {
        super(options);
        let clonedFilters;
        if (opts.filters) {
            if (!Array.isArray(opts.filters)) {
                throw new Error('Filters need to be in an array!');
            }
            try {
                clonedFilters = [...opts.filters];
                /* v8 ignore next 3 */
            }
            catch (_error) {
                throw new Error('Filters need to be in an array!');
            }
        }
        else {
            clonedFilters = [filter.LZMA2];
        }
        this._opts = {
            check: opts.check ?? check.NONE,
            preset: opts.preset ?? preset.DEFAULT,
            filters: clonedFilters,
            mode: opts.mode ?? mode.NORMAL,
            threads: opts.threads ?? 1,
            chunkSize: opts.chunkSize ?? liblzma.BUFSIZ,
            flushFlag: opts.flushFlag ?? liblzma.LZMA_RUN,
        };
        this._chunkSize = this._opts.chunkSize;
        this._flushFlag = this._opts.flushFlag;
        external_node_assert_.ok(Array.isArray(this._opts.filters), 'Filters need to be in an array!');
        // Add default filter LZMA2 if none provided
        /* v8 ignore next 2 */
        if (this._opts.filters.indexOf(filter.LZMA2) === -1) {
            this._opts.filters.push(filter.LZMA2);
        }
        // Ensure LZMA2 is always the last filter (requirement of liblzma)
        const lzma2Index = this._opts.filters.indexOf(filter.LZMA2);
        if (lzma2Index !== -1 && lzma2Index !== this._opts.filters.length - 1) {
            // Remove LZMA2 from its current position and add it to the end
            this._opts.filters.splice(lzma2Index, 1);
            this._opts.filters.push(filter.LZMA2);
        }
        // Multithreading is only available for encoding, so if we are encoding, check
        // opts threads value.
        if (streamMode === liblzma.STREAM_ENCODE) {
            /* If threads are requested but not supported, fallback to single thread */
            /* c8 ignore start */
            if (!liblzma.HAS_THREADS_SUPPORT) {
                this._opts.threads = 1;
            }
            /* c8 ignore stop */
            // By default set to maximum available processors
            if (this._opts.threads === 0) {
                this._opts.threads = maxThreads;
            }
        }
        // Initialize engine
        this.lzma = new liblzma.LZMA(streamMode, this._opts);
        this._closed = false;
        this._hadError = false;
        this._offset = 0;
        this._buffer = Buffer.alloc(this._chunkSize);
        this._bytesRead = 0;
        this._bytesWritten = 0;
        /* v8 ignore next */
        // F-007: Let errors propagate naturally (removed defensive listener anti-pattern)
        this.on('onerror', (errno) => {
            this._hadError = true;
            const error = this._createLZMAError(errno);
            this.emit('error', error);
        });
        /* v8 ignore next */
        this.once('end', () => this.close());
    }
    _createLZMAError(errno) {
        return createLZMAError(errno);
    }
    /** Get total bytes read from input so far */
    get bytesRead() {
        return this._bytesRead;
    }
    /** Get total bytes written to output so far */
    get bytesWritten() {
        return this._bytesWritten;
    }
    /**
     * Emit a progress event with current bytesRead and bytesWritten
     */
    _emitProgress() {
        const info = {
            bytesRead: this._bytesRead,
            bytesWritten: this._bytesWritten,
        };
        this.emit('progress', info);
    }
    _reallocateBuffer() {
        this._offset = 0;
        this._buffer = Buffer.alloc(this._chunkSize);
    }
    flush(kindOrCallback, callback) {
        // F-009: Access internal _writableState with type safety (no public API equivalent for .ended)
        const ws = this._writableState;
        let kind;
        let cb;
        /* v8 ignore next */
        if (typeof kindOrCallback === 'function' ||
            (typeof kindOrCallback === 'undefined' && !callback)) {
            cb = kindOrCallback;
            kind = liblzma.LZMA_SYNC_FLUSH;
        }
        else {
            kind = kindOrCallback;
            cb = callback;
        }
        if (ws.ended) {
            if (cb) {
                process.nextTick(cb);
            }
            /* v8 ignore next 4 */
        }
        else if (ws.ending) {
            if (cb) {
                this.once('end', cb);
            }
            /* v8 ignore next 5 - drain handling is difficult to test reliably */
        }
        else if (ws.needDrain) {
            this.once('drain', () => {
                this.flush(cb);
            });
        }
        else {
            this._flushFlag = kind;
            this.write(Buffer.alloc(0), 'utf8', cb);
        }
    }
    close(callback) {
        if (callback) {
            process.nextTick(callback);
        }
        // We will trigger this case with #xz and #unxz
        if (this._closed) {
            return;
        }
        /* v8 ignore next */
        this.lzma.close();
        this._closed = true;
        /* v8 ignore next */
        process.nextTick(() => {
            this.emit('close');
        });
    }
    /* v8 ignore next */
    _transform(chunk, _encoding, callback) {
        // F-009: Access internal _writableState with type safety (no public API equivalent for .ended)
        const ws = this._writableState;
        const ending = ws.ending || ws.ended;
        const last = ending && (!chunk || ws.length === chunk.length);
        if (chunk !== null && !(chunk instanceof Buffer)) {
            callback(new Error('invalid input'));
            return;
        }
        if (this._closed) {
            callback(new Error('lzma binding closed'));
            return;
        }
        // Track bytes read from input
        if (chunk) {
            this._bytesRead += chunk.length;
        }
        /* v8 ignore next */
        let flushFlag;
        if (last) {
            flushFlag = liblzma.LZMA_FINISH;
        }
        else {
            flushFlag = this._flushFlag;
            // once we've flushed the last of the queue, stop flushing and
            // go back to the normal behavior.
            if (chunk && chunk.length >= ws.length) {
                this._flushFlag = this._opts.flushFlag;
            }
        }
        /* v8 ignore next */
        this._processChunk(chunk, flushFlag, callback);
    }
    _flush(callback) {
        /* v8 ignore next 4 - Defensive check for double close scenario */
        if (this._closed) {
            process.nextTick(() => callback());
            return;
        }
        this._transform(Buffer.alloc(0), 'utf8', callback);
    }
    _processChunk(chunk, flushFlag, cb) {
        const async = typeof cb === 'function';
        // Sanity checks
        external_node_assert_.ok(!this._closed, 'Stream closed!');
        let availInBefore = chunk?.length;
        let availOutBefore = this._chunkSize - this._offset;
        let inOff = 0;
        /* v8 ignore next 3 */
        if (!async) {
            // Doing it synchronously
            const buffers = [];
            let nread = 0;
            let error = null;
            /* v8 ignore next */
            // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: Complex but necessary LZMA callback logic
            const callback = (errno, availInAfter, availOutAfter) => {
                /* v8 ignore start */
                if (this._hadError) {
                    return false;
                }
                // if LZMA engine returned something else, we are running into trouble!
                if (errno !== liblzma.LZMA_OK && errno !== liblzma.LZMA_STREAM_END) {
                    this.emit('onerror', errno);
                    return false;
                }
                /* v8 ignore stop */
                const used = availOutBefore - availOutAfter;
                external_node_assert_.ok(used >= 0, `More bytes after than before! Delta = ${used}`);
                if (used > 0) {
                    const out = this._buffer.subarray(this._offset, this._offset + used);
                    this._offset += used;
                    buffers.push(out);
                    nread += used;
                }
                /* v8 ignore start */
                // exhausted the output buffer, or used all the input create a new one.
                if (availOutAfter === 0 || this._offset >= this._chunkSize) {
                    availOutBefore = this._chunkSize;
                    this._reallocateBuffer();
                }
                if (availOutAfter === 0 || availInAfter > 0) {
                    inOff += (availInBefore ?? 0) - availInAfter;
                    availInBefore = availInAfter;
                    return true;
                }
                /* v8 ignore stop */
                return false;
            };
            /* v8 ignore start */
            this.on('error', (e) => {
                error = e;
            });
            /* v8 ignore stop */
            /* v8 ignore next - processing loop entry */
            while (true) {
                const [status, availInAfter, availOutAfter] = this.lzma.codeSync(flushFlag, chunk, inOff, availInBefore, this._buffer, this._offset);
                /* v8 ignore start */
                if (this._hadError || !callback(status, availInAfter, availOutAfter)) {
                    break;
                }
                /* v8 ignore stop */
            }
            // F-012: Use try-finally to ensure close() runs even on error
            try {
                /* v8 ignore start */
                if (this._hadError) {
                    throw error ?? new Error('Unknown LZMA error');
                }
                /* v8 ignore stop */
                const buf = Buffer.concat(buffers, nread);
                return buf;
            }
            finally {
                /* v8 ignore next - cleanup path */
                this.close();
            }
        }
        // Async path
        // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: Complex but necessary async LZMA callback logic with proper error handling
        const callback = (errno, availInAfter, availOutAfter) => {
            /* v8 ignore next 3 - error state handling is difficult to test */
            if (this._hadError) {
                return false;
            }
            /* v8 ignore next 5 - async error path handling */
            // F-003: If LZMA engine returned an error, emit onerror event (matches sync path at line 438)
            if (errno !== liblzma.LZMA_OK && errno !== liblzma.LZMA_STREAM_END) {
                this.emit('onerror', errno);
                return false;
            }
            /* v8 ignore next */
            const used = availOutBefore - availOutAfter;
            external_node_assert_.ok(used >= 0, `More bytes after than before! Delta = ${used}`);
            if (used > 0) {
                const out = this._buffer.subarray(this._offset, this._offset + used);
                this._offset += used;
                this._bytesWritten += used;
                this.push(out);
                this._emitProgress();
            }
            // exhausted the output buffer, or used all the input create a new one.
            if (availOutAfter === 0 || this._offset >= this._chunkSize) {
                availOutBefore = this._chunkSize;
                this._reallocateBuffer();
            }
            if (availOutAfter === 0 || availInAfter > 0) {
                /* v8 ignore next 2 - complex async processing continuation */
                inOff += (availInBefore ?? 0) - availInAfter;
                availInBefore = availInAfter;
                this.lzma.code(flushFlag, chunk, inOff, availInBefore, this._buffer, this._offset, callback);
                return false;
            }
            // Safely call callback to avoid uncaught exceptions
            if (cb && !this._closed) {
                try {
                    cb();
                }
                catch (_error) {
                    // If callback throws, emit error instead of crashing
                    this.emit('onerror', liblzma.LZMA_PROG_ERROR);
                }
            }
            return false;
        };
        this.lzma.code(flushFlag, chunk, inOff, availInBefore, this._buffer, this._offset, callback);
        return undefined;
    }
}
/**
 * XZ compression stream.
 * Compresses data using LZMA2 algorithm.
 *
 * @example
 * ```ts
 * const compressor = new Xz({ preset: 6 });
 * input.pipe(compressor).pipe(output);
 * ```
 */
class Xz extends XzStream {
    constructor(lzmaOptions, options) {
        super(liblzma.STREAM_ENCODE, lzmaOptions, options);
    }
}
/**
 * XZ decompression stream.
 * Decompresses data compressed with XZ/LZMA2.
 *
 * @example
 * ```ts
 * const decompressor = new Unxz();
 * compressedInput.pipe(decompressor).pipe(output);
 * ```
 */
class Unxz extends XzStream {
    constructor(lzmaOptions, options) {
        super(liblzma.STREAM_DECODE, lzmaOptions, options);
    }
}
/* v8 ignore next */
/**
 * Create a new XZ compression stream.
 * @param lzmaOptions - LZMA compression options
 * @param options - Node.js Transform stream options
 * @returns New Xz compression stream
 *
 * @example
 * ```ts
 * const compressor = createXz({ preset: 9 });
 * ```
 */
function createXz(lzmaOptions, options) {
    return new Xz(lzmaOptions, options);
}
/* v8 ignore next */
/**
 * Create a new XZ decompression stream.
 * @param lzmaOptions - LZMA decompression options
 * @param options - Node.js Transform stream options
 * @returns New Unxz decompression stream
 *
 * @example
 * ```ts
 * const decompressor = createUnxz();
 * ```
 */
function createUnxz(lzmaOptions, options) {
    return new Unxz(lzmaOptions, options);
}
/* v8 ignore next */
/**
 * Check if liblzma was built with threading support.
 * @returns true if multi-threaded compression is available
 */
function hasThreads() {
    return liblzma.HAS_THREADS_SUPPORT;
}
/**
 * Check if a buffer contains XZ compressed data by examining magic bytes.
 * @param buffer - Buffer to check (needs at least 6 bytes)
 * @returns true if the buffer starts with XZ magic bytes
 * @example
 * ```ts
 * const compressed = await xzAsync(Buffer.from('Hello'));
 * console.log(isXZ(compressed)); // true
 * console.log(isXZ(Buffer.from('Hello'))); // false
 * ```
 */
function isXZ(buffer) {
    return liblzma.isXZ(buffer);
}
/**
 * Get the runtime version of liblzma as a string.
 * @returns Version string like "5.4.1"
 * @example
 * ```ts
 * console.log(versionString()); // "5.4.1"
 * ```
 */
function versionString() {
    return liblzma.versionString();
}
/**
 * Get the runtime version of liblzma as a number.
 * Format: MAJOR * 10000000 + MINOR * 10000 + PATCH * 10
 * @returns Version number (e.g., 50040010 for 5.4.1)
 * @example
 * ```ts
 * console.log(versionNumber()); // 50040010
 * ```
 */
function versionNumber() {
    return liblzma.versionNumber();
}
/**
 * Get the memory usage estimate for encoding with a given preset.
 * @param presetLevel - Compression preset (0-9, optionally OR'd with preset.EXTREME)
 * @returns Memory usage in bytes, or 0 if preset is invalid
 * @example
 * ```ts
 * console.log(easyEncoderMemusage(6)); // ~104857600 (100 MB)
 * console.log(easyEncoderMemusage(9 | preset.EXTREME)); // ~712507392 (680 MB)
 * ```
 */
function easyEncoderMemusage(presetLevel) {
    return liblzma.easyEncoderMemusage(presetLevel);
}
/**
 * Get the memory usage estimate for decoding.
 * @returns Memory usage in bytes for decoder initialization
 * @example
 * ```ts
 * console.log(easyDecoderMemusage()); // ~18874368 (18 MB)
 * ```
 */
function easyDecoderMemusage() {
    return liblzma.easyDecoderMemusage();
}
/**
 * Parse the index from a complete XZ file buffer to get metadata.
 * This allows you to know the uncompressed size before decompressing.
 * @param buffer - Complete XZ file buffer
 * @returns Object with file metadata
 * @throws Error if buffer is not a valid XZ stream
 * @example
 * ```ts
 * const compressed = await xzAsync(largeBuffer);
 * const info = parseFileIndex(compressed);
 * console.log(`Uncompressed: ${info.uncompressedSize}, Compressed: ${info.compressedSize}`);
 * console.log(`Ratio: ${(info.compressedSize / info.uncompressedSize * 100).toFixed(1)}%`);
 * ```
 */
function parseFileIndex(buffer) {
    return liblzma.parseFileIndex(buffer);
}
/* v8 ignore next */
/**
 * Human-readable error messages for LZMA status codes.
 */
var LZMAErrorMessage;
(function (LZMAErrorMessage) {
    LZMAErrorMessage["SUCCESS"] = "Operation completed successfully";
    LZMAErrorMessage["STREAM_END"] = "End of stream was reached";
    LZMAErrorMessage["NO_CHECK"] = "Input stream has no integrity check";
    LZMAErrorMessage["UNSUPPORTED_CHECK"] = "Cannot calculate the integrity check";
    LZMAErrorMessage["GET_CHECK"] = "Integrity check type is not available";
    LZMAErrorMessage["MEM_ERROR"] = "Cannot allocate memory";
    LZMAErrorMessage["MEMLIMIT_ERROR"] = "Memory usage limit was reached";
    LZMAErrorMessage["FORMAT_ERROR"] = "File format not recognized";
    LZMAErrorMessage["OPTIONS_ERROR"] = "Invalid or unsupported options";
    LZMAErrorMessage["DATA_ERROR"] = "Data is corrupt";
    LZMAErrorMessage["BUF_ERROR"] = "No progress is possible";
    LZMAErrorMessage["PROG_ERROR"] = "Programming error";
})(LZMAErrorMessage || (LZMAErrorMessage = {}));
/**
 * Array of error messages indexed by LZMA status code.
 * @deprecated Use LZMAErrorMessage enum instead
 */
const messages = [
    LZMAErrorMessage.SUCCESS,
    LZMAErrorMessage.STREAM_END,
    LZMAErrorMessage.NO_CHECK,
    LZMAErrorMessage.UNSUPPORTED_CHECK,
    LZMAErrorMessage.GET_CHECK,
    LZMAErrorMessage.MEM_ERROR,
    LZMAErrorMessage.MEMLIMIT_ERROR,
    LZMAErrorMessage.FORMAT_ERROR,
    LZMAErrorMessage.OPTIONS_ERROR,
    LZMAErrorMessage.DATA_ERROR,
    LZMAErrorMessage.BUF_ERROR,
    LZMAErrorMessage.PROG_ERROR,
];
function unxz(buffer, optsOrCallback, callback) {
    let opts;
    let cb;
    /* v8 ignore next - simple parameter parsing */
    if (typeof optsOrCallback === 'function') {
        cb = optsOrCallback;
        opts = {};
    }
    else {
        opts = optsOrCallback;
        cb = callback;
    }
    xzBuffer(new Unxz(opts), buffer, cb);
}
/**
 * Decompress a buffer synchronously.
 * @param buffer - Compressed data to decompress
 * @param opts - LZMA decompression options
 * @returns Decompressed data buffer
 *
 * @example
 * ```ts
 * const decompressed = unxzSync(compressedBuffer);
 * ```
 */
function unxzSync(buffer, opts) {
    return xzBufferSync(new Unxz(opts), buffer);
}
function xz(buffer, optsOrCallback, callback) {
    let opts;
    let cb;
    /* v8 ignore next - simple parameter parsing */
    if (typeof optsOrCallback === 'function') {
        cb = optsOrCallback;
        opts = {};
    }
    else {
        opts = optsOrCallback;
        cb = callback;
    }
    xzBuffer(new Xz(opts), buffer, cb);
}
/**
 * Compress a buffer synchronously.
 * @param buffer - Data to compress
 * @param opts - LZMA compression options
 * @returns Compressed data buffer
 *
 * @example
 * ```ts
 * const compressed = xzSync(data, { preset: 9 });
 * ```
 */
function xzSync(buffer, opts) {
    return xzBufferSync(new Xz(opts), buffer);
}
/**
 * Compress a buffer asynchronously using Promise.
 * @param buffer - Data to compress
 * @param opts - LZMA compression options
 * @returns Promise resolving to compressed data buffer
 *
 * @example
 * ```ts
 * const compressed = await xzAsync(data, { preset: 6 });
 * ```
 */
function xzAsync(buffer, opts) {
    return new Promise((resolve, reject) => {
        xz(buffer, opts || {}, (error, result) => {
            /* v8 ignore next 3 - error handling is tested in callback-based tests */
            if (error) {
                reject(error);
            }
            else {
                resolve(result);
            }
        });
    });
}
/**
 * Decompress a buffer asynchronously using Promise.
 * @param buffer - Compressed data to decompress
 * @param opts - LZMA decompression options
 * @returns Promise resolving to decompressed data buffer
 *
 * @example
 * ```ts
 * const decompressed = await unxzAsync(compressedBuffer);
 * console.log(decompressed.toString());
 * ```
 */
function unxzAsync(buffer, opts) {
    return new Promise((resolve, reject) => {
        unxz(buffer, opts || {}, (error, result) => {
            /* v8 ignore next 2 - error handling is tested in callback-based tests */
            if (error) {
                reject(error);
            }
            else {
                resolve(result);
            }
        });
    });
}
function xzBuffer(engine, buffer, callback) {
    const buffers = [];
    let nread = 0;
    const flow = () => {
        let chunk;
        // biome-ignore lint/suspicious/noAssignInExpressions: necessary for while loop pattern
        while ((chunk = engine.read()) !== null) {
            buffers.push(chunk);
            nread += chunk.length;
        }
        engine.once('readable', flow);
    };
    const onEnd = () => {
        const buf = Buffer.concat(buffers, nread);
        callback(null, buf);
        engine.close();
    };
    /* v8 ignore next 5 - error callback path */
    const onError = (err) => {
        engine.removeListener('end', onEnd);
        engine.removeListener('readable', flow);
        callback(err);
    };
    engine.on('error', onError);
    engine.on('end', onEnd);
    engine.end(buffer);
    flow();
}
function xzBufferSync(engine, buffer) {
    let buf;
    if (typeof buffer === 'string') {
        buf = Buffer.from(buffer);
    }
    else if (buffer instanceof Buffer) {
        buf = buffer;
        /* v8 ignore next 3 - type validation error path */
    }
    else {
        throw new TypeError('Not a string or buffer');
    }
    return engine._processChunk(buf, liblzma.LZMA_FINISH);
}
// File-based compression/decompression helpers


/**
 * Compress a file using XZ compression
 * @param inputPath Path to input file
 * @param outputPath Path to output compressed file
 * @param opts LZMA compression options
 * @returns Promise that resolves when compression is complete
 */
async function xzFile(inputPath, outputPath, opts) {
    const input = (0,external_node_fs_.createReadStream)(inputPath);
    const output = (0,external_node_fs_.createWriteStream)(outputPath);
    const compressor = createXz(opts);
    await (0,promises_.pipeline)(input, compressor, output);
}
/**
 * Decompress an XZ compressed file
 * @param inputPath Path to compressed input file
 * @param outputPath Path to output decompressed file
 * @param opts LZMA decompression options
 * @returns Promise that resolves when decompression is complete
 */
async function unxzFile(inputPath, outputPath, opts) {
    const input = (0,external_node_fs_.createReadStream)(inputPath);
    const output = (0,external_node_fs_.createWriteStream)(outputPath);
    const decompressor = createUnxz(opts);
    await (0,promises_.pipeline)(input, decompressor, output);
}
// F-014: Default export for CommonJS compatibility
// @deprecated Use named exports instead for better tree-shaking. Will be removed in v3.0.
// eslint-disable-next-line import/no-default-export
/* harmony default export */ const lzma = ({
    Xz,
    Unxz,
    XzStream,
    hasThreads,
    messages,
    check,
    preset,
    flag,
    filter,
    mode,
    createXz,
    createUnxz,
    unxz,
    unxzSync,
    xz,
    xzSync,
    xzAsync,
    unxzAsync,
    // Reference individual exports to avoid duplication
    LZMA_RUN,
    LZMA_SYNC_FLUSH,
    LZMA_FULL_FLUSH,
    LZMA_FINISH,
    LZMA_OK,
    LZMA_STREAM_END,
    LZMA_NO_CHECK,
    LZMA_UNSUPPORTED_CHECK,
    LZMA_GET_CHECK,
    LZMA_MEM_ERROR,
    LZMA_MEMLIMIT_ERROR,
    LZMA_FORMAT_ERROR,
    LZMA_OPTIONS_ERROR,
    LZMA_DATA_ERROR,
    LZMA_BUF_ERROR,
    LZMA_PROG_ERROR,
    LZMA_FILTER_X86,
    LZMA_FILTER_POWERPC,
    LZMA_FILTER_IA64,
    LZMA_FILTER_ARM,
    LZMA_FILTER_ARMTHUMB,
    LZMA_FILTERS_MAX,
});
//# sourceMappingURL=lzma.js.map

/***/ })

};
