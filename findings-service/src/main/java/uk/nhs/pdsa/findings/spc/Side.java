package uk.nhs.pdsa.findings.spc;

/** Which way a signal points: above the centre line or rising (HIGH), below it or falling (LOW). */
public enum Side { HIGH, LOW }
