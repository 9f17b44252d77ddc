package uk.nhs.pdsa.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A clinical microsystem of a trust: the front-line team (a ward, a theatre suite) that improves its care. */
@Embeddable
public class Microsystem {
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;
}
