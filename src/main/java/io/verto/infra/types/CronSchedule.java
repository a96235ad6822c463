package io.verto.infra.types;

import java.util.regex.Pattern;

/**
 * A Kubernetes CronJob schedule: five cron fields (minute, hour, day of month, month, day of week),
 * each {@code *}, a number, a range, a list or a step within its bounds, checked when made. Times are
 * in the cluster's time zone (UTC on EKS) unless the CronJob sets {@code timeZone}.
 *
 * @param expression e.g. {@code 0 2 * * *} (02:00 every day, design 8.1)
 */
public record CronSchedule(String expression) {
    private static final String[] NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Pattern ITEM = Pattern.compile("(\\*|\\d+(-\\d+)?)(/\\d+)?");

    /** The design's nightly backup time (8.1): 02:00 every day. (After the checks' own constants, which it uses.) */
    public static final CronSchedule NIGHTLY_AT_TWO = new CronSchedule("0 2 * * *");

    public CronSchedule {
        if (expression == null) {
            throw new IllegalArgumentException("a cron schedule is required");
        }
        expression = expression.trim().replaceAll("\\s+", " ");
        String[] fields = expression.split(" ");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron schedule: it needs 5 fields (minute hour day-of-month month day-of-week), has " + fields.length);
        }
        for (int i = 0; i < 5; i++) {
            checkField(expression, NAMES[i], fields[i], BOUNDS[i][0], BOUNDS[i][1]);
        }
    }

    public static CronSchedule parse(String text) {
        return new CronSchedule(text);
    }

    private static void checkField(String expression, String name, String field, int min, int max) {
        for (String item : field.split(",", -1)) {
            if (!ITEM.matcher(item).matches()) {
                throw new IllegalArgumentException("'" + expression + "': the " + name + " field '" + field + "' is not *, a number, a range or a step");
            }
            String base = item.split("/")[0];
            if (item.contains("/") && Integer.parseInt(item.substring(item.indexOf('/') + 1)) < 1) {
                throw new IllegalArgumentException("'" + expression + "': the " + name + " step in '" + item + "' must be at least 1");
            }
            if (!base.equals("*")) {
                String[] ends = base.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("'" + expression + "': the " + name + " '" + base + "' is outside " + min + ".." + max);
                }
            }
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
