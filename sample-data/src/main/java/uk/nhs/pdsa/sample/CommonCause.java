package uk.nhs.pdsa.sample;

/**
 * A deliberately strict screen for generated p-chart data: no point within 0.5 sigma of the 3-sigma
 * limits, no two of three consecutive points beyond 1.8 sigma on one side (Making Data Count's "two of
 * three beyond 2 sigma"), no run of 6 on one side of the centre line, no run of 6 rising or falling, for every prefix
 * of at least 12 points. Stricter than the Making Data Count rules (7 and 7), so sample data never
 * trips them by accident.
 */
final class CommonCause {
    private static final int FIRST_CHART = 12;
    private static final int LONGEST_RUN = 5;

    private CommonCause() {
    }

    static boolean holdsForEveryPrefix(long[] numerators, long[] sizes, int length) {
        for (int end = FIRST_CHART; end <= length; end++) {
            if (!holds(numerators, sizes, end)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(long[] x, long[] n, int length) {
        double counts = 0;
        double total = 0;
        for (int i = 0; i < length; i++) {
            counts += x[i];
            total += n[i];
        }
        double centre = counts / total;
        int sideRun = 0;
        int lastSide = 0;
        int stepRun = 0;
        int lastStep = 0;
        int[] near = new int[length];
        for (int i = 0; i < length; i++) {
            double p = (double) x[i] / n[i];
            double sigma = Math.sqrt(centre * (1 - centre) / n[i]);
            if (Math.abs(p - centre) > 2.5 * sigma) {
                return false;
            }
            near[i] = Math.abs(p - centre) > 1.8 * sigma ? Double.compare(p, centre) : 0;
            if (i >= 2 && twoOfThree(near[i - 2], near[i - 1], near[i])) {
                return false;
            }
            int side = Double.compare(p, centre);
            sideRun = side != 0 && side == lastSide ? sideRun + 1 : 1;
            lastSide = side;
            if (i > 0) {
                int step = Double.compare(p, (double) x[i - 1] / n[i - 1]);
                stepRun = step != 0 && step == lastStep ? stepRun + 1 : 1;
                lastStep = step;
            }
            // stepRun counts steps; a run of k steps spans k + 1 points.
            if (sideRun > LONGEST_RUN || stepRun + 1 > LONGEST_RUN) {
                return false;
            }
        }
        return true;
    }

    private static boolean twoOfThree(int a, int b, int c) {
        for (int side : new int[] {1, -1}) {
            int count = (a == side ? 1 : 0) + (b == side ? 1 : 0) + (c == side ? 1 : 0);
            if (count >= 2) {
                return true;
            }
        }
        return false;
    }
}
