package com.facegate.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.protocol.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reason the cloud or a door can record reaches the facilities desk in words, never as a bare code. */
class ReasonWordsTest {
    private static List<String> codes(Class<?> holder) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : holder.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    @Test
    void everyDecisionReasonHasWords() throws Exception {
        List<String> codes = codes(Reasons.class);
        assertThat(codes).hasSizeGreaterThan(30);
        assertThat(codes).allSatisfy(code -> assertThat(ReasonWords.decision(code)).as(code).isNotEqualTo(code)
                .isNotBlank());
        assertThat(ReasonWords.decision("SOMETHING_NEW")).as("an unknown code is shown as it is")
                .isEqualTo("SOMETHING_NEW");
        assertThat(ReasonWords.decision(null)).isEmpty();
    }

    @Test
    void everyEnrollmentReasonHasWords() throws Exception {
        List<String> codes = codes(EnrollmentReasons.class);
        assertThat(codes).isNotEmpty();
        assertThat(codes).allSatisfy(code -> assertThat(ReasonWords.enrollment(List.of(code))).as(code)
                .startsWith(code + " (").endsWith(")"));
    }
}
