import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../user.entity';

export class LoginDto {
  @ApiProperty({ example: 'organiser@fair.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'a long password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class SessionUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
}

export class SessionDto {
  @ApiProperty({ description: 'Bearer token; also set as the fair_session cookie' }) token: string;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
}

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ['organiser', 'gate'] }) @IsIn(['organiser', 'gate']) role: 'organiser' | 'gate';
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'] }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
}
