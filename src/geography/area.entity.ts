import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A neighbourhood area: a group of wards with a neighbourhood manager. */
@Entity({ name: 'area' })
export class AreaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  /** Where the grouping came from (for the shipped one: that it is illustrative). */
  @Column({ type: 'text', default: '' })
  description!: string;
}
