package com.facegate.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import com.facegate.protocol.Sanitize;

/**
 * {@code %ex}: the stack trace as Logback prints it, but each exception's message (of the cause and suppressed
 * ones too) with control characters as '?' and cut, since messages quote outside text (a JSON parser quoting the
 * payload, an HTTP error body). Frames are code locations and print as they are.
 */
public class SafeThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(tp == null ? null : new Escaped(tp));
    }

    /** A view of a throwable whose message and class name are escaped; causes are viewed the same way. */
    private record Escaped(IThrowableProxy raw) implements IThrowableProxy {
        @Override
        public String getMessage() {
            return raw.getMessage() == null ? null : Sanitize.inline(raw.getMessage(), SafeMessageConverter.MAX);
        }

        @Override
        public String getClassName() {
            return Sanitize.inline(raw.getClassName(), 200);
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return raw.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return raw.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return raw.getCause() == null ? null : new Escaped(raw.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = raw.getSuppressed();
            if (s == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                escaped[i] = new Escaped(s[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return raw.isCyclic();
        }
    }
}
