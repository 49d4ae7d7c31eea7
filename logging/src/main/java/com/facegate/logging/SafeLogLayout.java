package com.facegate.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.KeyValuePairConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.core.pattern.ConverterUtil;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Logback's {@link PatternLayout} with the words that print outside text bound to the safe converters: every alias
 * of the message ({@code %m %msg %message}), of key/value pairs ({@code %kvp}) and of the stack trace ({@code %ex},
 * {@code %xEx}, {@code %rEx}... all render as {@code %ex}: no packaging data, causes last). A pattern without an
 * exception word gets the safe one appended, as Logback appends its own.
 */
@SuppressWarnings("rawtypes") // Logback's own signature: Supplier<DynamicConverter>
public class SafeLogLayout extends PatternLayout {
    private static final Map<String, Supplier<DynamicConverter>> CONVERTERS = safeConverters();

    public SafeLogLayout() {
        postCompileProcessor = (context, head) -> {
            if (!new EnsureExceptionHandling().chainHandlesThrowable(head)) {
                ConverterUtil.findTail(head).setNext(new SafeThrowableConverter());
            }
        };
    }

    @Override
    public Map<String, Supplier<DynamicConverter>> getDefaultConverterSupplierMap() {
        return CONVERTERS;
    }

    /** None: the legacy class-name map would put Logback's own converters back over the safe ones. */
    @Override
    @SuppressWarnings("deprecation") // overridden to switch the deprecated map off, not to use it
    public Map<String, String> getDefaultConverterMap() {
        return Map.of();
    }

    /** Found by what each default word builds, so that an alias Logback adds later is covered too. */
    private static Map<String, Supplier<DynamicConverter>> safeConverters() {
        Map<String, Supplier<DynamicConverter>> map = new HashMap<>(PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP);
        map.replaceAll((word, supplier) -> {
            DynamicConverter<?> c = supplier.get();
            if (c instanceof MessageConverter) {
                return SafeMessageConverter::new;
            } else if (c instanceof KeyValuePairConverter) {
                return SafeKeyValueConverter::new;
            } else if (c instanceof ThrowableProxyConverter) {
                return SafeThrowableConverter::new;
            }
            return supplier;
        });
        return Map.copyOf(map);
    }
}
