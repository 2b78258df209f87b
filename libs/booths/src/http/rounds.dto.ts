import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class OpenRoundDto {
  @ApiProperty({ description: 'Approved exhibitors in the order they pick (priority points or application order)', type: [String] })
  @IsArray() @ArrayMaxSize(5000) @IsUUID('all', { each: true }) exhibitorIds: string[];
  @ApiProperty({ description: 'Minutes each exhibitor has for its turn' }) @IsInt() @Min(1) @Max(10080) turnMinutes: number;
}

export class PickBoothsDto {
  @ApiProperty({ description: 'Booth codes or ids; an empty list passes the turn', type: [String] })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(40, { each: true }) booths: string[];
}
