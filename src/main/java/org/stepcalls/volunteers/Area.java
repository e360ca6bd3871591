package org.stepcalls.volunteers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A town or district, placed by its approximate centroid (public facts, not personal data). */
@Entity
@Table(name = "areas")
public class Area extends PanacheEntityBase {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** A free-text region ("Yorkshire"): what anonymised outcomes show instead of the area. */
    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public double latitude;

    @Column(nullable = false)
    public double longitude;

    /** Great-circle distance between two centroids (haversine). */
    public double distanceKmTo(Area other) {
        return distanceKm(latitude, longitude, other.latitude, other.longitude);
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public static Area findByName(String name) {
        return find("lower(name) = ?1", name.strip().toLowerCase()).firstResult();
    }
}
