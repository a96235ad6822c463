package io.verto.infra.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {
    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * *", "*/15 * * * *", "0 1-5/2 * * 1-5", "30 2 1,15 * 0", "0  2 * *  6", "@daily", "@midnight",
            "@every 6h", "@every 1h30m", "0 2 * * MON-FRI", "0 2 * JAN,jul sun", "0 2 ? * *", "0 2 1 */3 *"})
    void validSchedulesAreKept(String expression) {
        assertEquals(expression.replaceAll("\\s+", " "), CronSchedule.parse(expression).expression());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 2 * *|needs 5 fields",
            "0 2 * * * *|needs 5 fields",
            "60 2 * * *|minute '60' is outside 0..59",
            "0 24 * * *|hour '24' is outside 0..23",
            "0 2 0 * *|day of month '0' is outside 1..31",
            "0 2 * 13 *|month '13' is outside 1..12",
            "0 2 * * 7|day of week '7' is outside 0..6",
            "0 5-2 * * *|hour '5-2' is outside",
            "*/0 * * * *|step in '*/0' must be at least 1",
            "@nightly|is not a cron descriptor",
            "@every tuesday|is not a cron descriptor",
            "0 2 * * MONDAY|'monday' is not a day of week name",
            "0 2 * FRI *|'fri' is not a month name",
            "0 2 * * FRI-MON|day of week 'fri-mon' is outside 0..6"})
    void badSchedulesSayWhichField(String expression, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theDesignsNightlyTime() {
        assertEquals("0 2 * * *", CronSchedule.NIGHTLY_AT_TWO.toString());
    }

    @Test
    void retentionIsAtLeastADay() {
        assertEquals(7, Retention.WEEK.days());
        assertEquals("1 day", Retention.parse("1").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retention.parse("0")).getMessage().contains("at least 1 day"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retention.parse("7d")).getMessage().contains("not a whole number"));
        assertThrows(IllegalArgumentException.class, () -> LifecycleRule.expire("x", "/mysql/", Retention.WEEK));
        assertEquals(1, LifecycleRule.expire("x", "mysql/", Retention.WEEK).noncurrentExpiration().days());
    }
}
