package io.verto.infra.types;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Kubernetes CronJob schedule, checked the way the API server checks it (robfig/cron's standard parser):
 * five fields (minute, hour, day of month, month, day of week), each {@code *}, {@code ?}, a number or a name
 * ({@code JAN}, {@code MON}), a range, a list or a step within its bounds; or a descriptor such as
 * {@code @daily} or {@code @every 6h}. Times are in the CronJob's {@code timeZone}, or the cluster's (UTC on EKS).
 *
 * @param expression e.g. {@code 0 2 * * *} (02:00 every day, design 8.1)
 */
public record CronSchedule(String expression) {
    private static final String[] NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
    private static final List<List<String>> WORDS = List.of(List.of(), List.of(), List.of(),
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));
    private static final Pattern ITEM = Pattern.compile("(\\*|\\?|[0-9a-z]+(-[0-9a-z]+)?)(/\\d+)?");
    private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern EVERY = Pattern.compile("@every (\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");

    /** The design's nightly backup time (8.1): 02:00 every day. (After the checks' own constants, which it uses.) */
    public static final CronSchedule NIGHTLY_AT_TWO = new CronSchedule("0 2 * * *");

    public CronSchedule {
        if (expression == null) {
            throw new IllegalArgumentException("a cron schedule is required");
        }
        expression = expression.trim().replaceAll("\\s+", " ");
        if (expression.startsWith("@")) {
            if (!DESCRIPTORS.contains(expression) && !EVERY.matcher(expression).matches()) {
                throw new IllegalArgumentException("'" + expression + "' is not a cron descriptor; Kubernetes takes " + new TreeSet<>(DESCRIPTORS)
                        + " and @every <duration>");
            }
        } else {
            String[] fields = expression.split(" ");
            if (fields.length != 5) {
                throw new IllegalArgumentException("'" + expression + "' is not a cron schedule: it needs 5 fields (minute hour day-of-month month "
                        + "day-of-week) or a descriptor such as @daily, has " + fields.length);
            }
            for (int i = 0; i < 5; i++) {
                checkField(expression, i, fields[i].toLowerCase(Locale.ROOT));
            }
        }
    }

    public static CronSchedule parse(String text) {
        return new CronSchedule(text);
    }

    private static void checkField(String expression, int index, String field) {
        String name = NAMES[index];
        for (String item : field.split(",", -1)) {
            if (!ITEM.matcher(item).matches()) {
                throw new IllegalArgumentException("'" + expression + "': the " + name + " field '" + field + "' is not *, a number, a name, "
                        + "a range or a step");
            }
            String base = item.split("/")[0];
            if (item.contains("/") && Integer.parseInt(item.substring(item.indexOf('/') + 1)) < 1) {
                throw new IllegalArgumentException("'" + expression + "': the " + name + " step in '" + item + "' must be at least 1");
            }
            if (!base.equals("*") && !base.equals("?")) {
                String[] ends = base.split("-");
                int from = value(expression, index, ends[0]);
                int to = ends.length > 1 ? value(expression, index, ends[1]) : from;
                if (from < BOUNDS[index][0] || to > BOUNDS[index][1] || from > to) {
                    throw new IllegalArgumentException("'" + expression + "': the " + name + " '" + base + "' is outside "
                            + BOUNDS[index][0] + ".." + BOUNDS[index][1]);
                }
            }
        }
    }

    /** A field value: a number, or a month or weekday name where the field has them. */
    private static int value(String expression, int index, String text) {
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        int word = WORDS.get(index).indexOf(text);
        if (word < 0) {
            throw new IllegalArgumentException("'" + expression + "': '" + text + "' is not a " + NAMES[index] + " name");
        }
        return index == 3 ? word + 1 : word;
    }

    @Override
    public String toString() {
        return expression;
    }
}
