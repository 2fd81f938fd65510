-- Keeps a force's earlier layers but marks none of them current. $1 text force.
UPDATE police_neighbourhood_layer SET is_current = false WHERE force = $1::text AND is_current;
